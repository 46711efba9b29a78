package org.doorplate.server.ingest.coap;

import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.doorplate.server.command.CommandEncoder;
import org.doorplate.server.command.PendingCommands;
import org.doorplate.server.ingest.IngestOutcome;
import org.doorplate.server.ingest.RawUplink;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the pipeline's outcome into the CoAP response; runs on the adapter's reply threads. */
@Singleton
final class UplinkReplies {
    private static final Logger LOG = LoggerFactory.getLogger(UplinkReplies.class);
    /** Diagnostic payloads (RFC 7252 5.5.2) are cut here: they travel over a slow radio. */
    private static final int MAX_DIAGNOSTIC_BYTES = 120;

    private final CoapMetrics metrics;
    private final PendingCommands commands;
    private final CommandEncoder encoder;

    UplinkReplies(CoapMetrics metrics, PendingCommands commands, CommandEncoder encoder) {
        this.metrics = metrics;
        this.commands = commands;
        this.encoder = encoder;
    }

    void answer(CoapExchange exchange, RawUplink uplink, IngestOutcome outcome, Throwable error) {
        if (error != null) {
            LOG.warn("uplink pipeline failed [device: {}]", uplink.authenticatedDeviceId(), error);
            metrics.request(CoapMetrics.Answer.FAILED);
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR);
            return;
        }
        if (outcome instanceof IngestOutcome.Stored) {
            metrics.request(CoapMetrics.Answer.STORED);
            exchange.respond(changed(uplink));
        } else if (outcome instanceof IngestOutcome.Duplicate) {
            metrics.request(CoapMetrics.Answer.DUPLICATE);
            exchange.respond(changed(uplink));
        } else if (outcome instanceof IngestOutcome.Rejected rejected) {
            metrics.request(CoapMetrics.Answer.REJECTED);
            metrics.rejection(rejected.reason().name().toLowerCase(Locale.ROOT));
            LOG.debug("uplink rejected [device: {}, reason: {}]: {}", uplink.authenticatedDeviceId(),
                rejected.reason(), rejected.detail());
            exchange.respond(diagnostic(CoapCodes.of(rejected.reason()), rejected.detail()));
        } else if (outcome instanceof IngestOutcome.Unavailable unavailable) {
            metrics.request(CoapMetrics.Answer.UNAVAILABLE);
            exchange.respond(unavailable(unavailable.retryAfter()));
        }
    }

    /**
     * 2.04, with the device's oldest pending command as CBOR when it has one. A device on the
     * plain endpoint has no authenticated id, so it gets no command.
     */
    private Response changed(RawUplink uplink) {
        Response response = new Response(ResponseCode.CHANGED);
        String deviceId = uplink.authenticatedDeviceId();
        if (deviceId == null) {
            return response;
        }
        try {
            commands.nextAfter(deviceId, uplink.payload(), uplink.format()).ifPresent(command -> {
                response.setPayload(encoder.cbor(command));
                response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_CBOR);
                LOG.debug("command piggybacked [device: {}, command: {}]", deviceId, command.commandId());
            });
        } catch (RuntimeException e) {
            // The uplink is stored, so it is acknowledged all the same; the command stays
            // pending and rides on a later response.
            LOG.warn("no pending command attached [device: {}]: {}", deviceId, e.getMessage());
        }
        return response;
    }

    /** 5.03 with Max-Age: RFC 7252 5.9.3.4 makes Max-Age the time after which to retry. */
    static Response unavailable(Duration retryAfter) {
        Response response = new Response(ResponseCode.SERVICE_UNAVAILABLE);
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        response.getOptions().setMaxAge(seconds);
        return response;
    }

    /** An error response whose payload is a short UTF-8 explanation for the firmware engineer. */
    static Response diagnostic(ResponseCode code, String detail) {
        ByteBuffer text = ByteBuffer.allocate(MAX_DIAGNOSTIC_BYTES);
        // The encoder stops at a whole character when the buffer is full.
        StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(detail), text, true);
        Response response = new Response(code);
        response.setPayload(Arrays.copyOf(text.array(), text.position()));
        return response;
    }
}
