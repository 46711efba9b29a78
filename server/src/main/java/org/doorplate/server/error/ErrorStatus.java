package org.doorplate.server.error;

import io.micronaut.http.HttpStatus;
import org.eclipse.californium.core.coap.CoAP;

import java.util.Locale;
import java.util.Optional;

/**
 * The server's one error vocabulary. Each status is mapped here, and only here, to what every
 * transport answers: an HTTP status, a CoAP response code (RFC 7252 section 5.9, 4.09 from
 * RFC 8132, 4.29 from RFC 8516) and an MQTT 5 reason code (MQTT 5.0 section 2.4).
 *
 * <p>The MQTT codes are those a PUBACK may carry (section 3.4.2.1) wherever one fits; a payload
 * that is too large and a server that is unavailable have no PUBACK code of their own and take
 * the DISCONNECT codes 0x95 and 0x89.
 */
public enum ErrorStatus {
    /** The request or message is malformed or breaks a rule. */
    BAD_REQUEST(HttpStatus.BAD_REQUEST, CoAP.ResponseCode.BAD_REQUEST, 0x99),
    /** No valid credentials or MAC. */
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, CoAP.ResponseCode.UNAUTHORIZED, 0x87),
    /** Credentials are valid but do not allow this. */
    FORBIDDEN(HttpStatus.FORBIDDEN, CoAP.ResponseCode.FORBIDDEN, 0x87),
    /** The thing asked for does not exist. */
    NOT_FOUND(HttpStatus.NOT_FOUND, CoAP.ResponseCode.NOT_FOUND, 0x83),
    /** The thing existed and was retired; CoAP has no 4.10, so it answers 4.04. */
    GONE(HttpStatus.GONE, CoAP.ResponseCode.NOT_FOUND, 0x83),
    /** The request conflicts with what is stored, such as an id that is taken. */
    CONFLICT(HttpStatus.CONFLICT, CoAP.ResponseCode.CONFLICT, 0x83),
    /** The body or payload is larger than allowed. */
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE, 0x95),
    /** Too many requests or messages; try again later. */
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, CoAP.ResponseCode.TOO_MANY_REQUESTS, 0x97),
    /** A dependency such as the database is down or behind; try again later. */
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, CoAP.ResponseCode.SERVICE_UNAVAILABLE, 0x89);

    private final HttpStatus httpStatus;
    private final CoAP.ResponseCode coapCode;
    private final int mqttReasonCode;

    ErrorStatus(HttpStatus httpStatus, CoAP.ResponseCode coapCode, int mqttReasonCode) {
        this.httpStatus = httpStatus;
        this.coapCode = coapCode;
        this.mqttReasonCode = mqttReasonCode;
    }

    /** The HTTP status answered for this error. */
    public HttpStatus httpStatus() {
        return httpStatus;
    }

    /** The CoAP response code answered for this error. */
    public CoAP.ResponseCode coapCode() {
        return coapCode;
    }

    /** The MQTT 5 reason code for this error. */
    public int mqttReasonCode() {
        return mqttReasonCode;
    }

    /** The name written into the {@code error} field of a JSON error body, such as {@code not_found}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status that answers with the given HTTP code, if one does. */
    public static Optional<ErrorStatus> ofHttp(int code) {
        for (ErrorStatus status : values()) {
            if (status.httpStatus.getCode() == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
