package org.doorplate.server.ingest.coap;

import jakarta.inject.Singleton;
import java.security.Principal;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.transport.CoapPaths;
import org.doorplate.server.ingest.PayloadFormat;
import org.doorplate.server.ingest.RawUplink;
import org.doorplate.server.ingest.Transport;
import org.doorplate.server.ingest.UplinkPipeline;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * {@code POST /up}: hands the payload to the uplink pipeline and answers only when the pipeline
 * has decided, so that a 2.04 always means the message is stored (CON: at least once).
 *
 * <p>Nothing here blocks a Californium thread: the answer is written on the adapter's reply
 * threads. If storage takes longer than {@code separate-response-after}, a CON request gets an
 * empty ACK first (RFC 7252 5.2.2) so that the device stops retransmitting, and the answer
 * follows as a separate CON response.
 */
@Singleton
final class UplinkResource extends CoapResource {
    private final UplinkPipeline pipeline;
    private final UplinkReplies replies;
    private final CoapThreads threads;
    private final CoapMetrics metrics;
    private final Clock clock;
    private final long separateResponseMillis;

    UplinkResource(UplinkPipeline pipeline, UplinkReplies replies, CoapThreads threads, CoapMetrics metrics,
            Clock clock, CoapConfiguration settings) {
        super(CoapPaths.UPLINK);
        this.pipeline = pipeline;
        this.replies = replies;
        this.threads = threads;
        this.metrics = metrics;
        this.clock = clock;
        this.separateResponseMillis = settings.getSeparateResponseAfter().toMillis();
        getAttributes().setTitle("device uplinks");
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_CBOR);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        Request request = exchange.advanced().getRequest();
        PayloadFormat format = formatOf(request.getOptions().getContentFormat());
        if (format == null) {
            refuse(exchange, ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "unsupported_format",
                "content format: expected 60 (cbor) or 50 (json), found " + request.getOptions().getContentFormat());
            return;
        }
        int limit = UplinkLimits.maxPayloadBytes(format);
        if (request.getPayloadSize() > limit) {
            refuseOversize(exchange, request.getPayloadSize(), limit);
            return;
        }

        RawUplink uplink = new RawUplink(Transport.COAP, request.getPayload(), format, identityOf(request),
            clock.instant());
        ScheduledFuture<?> emptyAck = request.isConfirmable()
            ? threads.timer().schedule(exchange::accept, separateResponseMillis, TimeUnit.MILLISECONDS)
            : null;
        pipeline.submit(uplink).whenCompleteAsync((outcome, error) -> {
            if (emptyAck != null) {
                emptyAck.cancel(false);
            }
            replies.answer(exchange, uplink, outcome, error);
        }, threads.replies());
    }

    private void refuse(CoapExchange exchange, ResponseCode code, String reason, String detail) {
        metrics.request(CoapMetrics.Answer.REJECTED);
        metrics.rejection(reason);
        exchange.respond(UplinkReplies.diagnostic(code, detail));
    }

    private void refuseOversize(CoapExchange exchange, int size, int limit) {
        metrics.request(CoapMetrics.Answer.REJECTED);
        metrics.rejection("oversize");
        Response response = UplinkReplies.diagnostic(ResponseCode.REQUEST_ENTITY_TOO_LARGE,
            "payload: expected at most " + limit + " bytes, found " + size);
        // RFC 7252 5.10.9: Size1 tells the client the largest body the server accepts.
        response.getOptions().setSize1(limit);
        exchange.respond(response);
    }

    private static PayloadFormat formatOf(int contentFormat) {
        return switch (contentFormat) {
            case MediaTypeRegistry.APPLICATION_CBOR -> PayloadFormat.CBOR;
            case MediaTypeRegistry.APPLICATION_JSON -> PayloadFormat.JSON;
            default -> null;
        };
    }

    /** The PSK identity the DTLS handshake authenticated, or null on the plain endpoint. */
    private static String identityOf(Request request) {
        Principal peer = request.getSourceContext().getPeerIdentity();
        return peer instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : null;
    }
}
