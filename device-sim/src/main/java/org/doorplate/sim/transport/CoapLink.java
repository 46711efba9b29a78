package org.doorplate.sim.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.transport.CoapPaths;
import org.doorplate.sim.provision.DeviceCredentials;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's CoAP endpoint. Every uplink is a CON {@code POST /up} (at least once: Californium
 * retransmits until the server answers); 2.xx counts as acknowledged, any other code as
 * rejected, and no answer after the last retransmission as failed. A command may ride on the
 * 2.04 as CBOR.
 *
 * <p>One request at a time, as RFC 7252 section 4.7 (NSTART = 1) asks of a constrained
 * client: {@link #send} queues the message, and each exchange starts when the one before it
 * ended, so that no caller's thread waits on the network.
 */
final class CoapLink implements DeviceLink {
    private static final Logger LOG = LoggerFactory.getLogger(CoapLink.class);

    private final CoapLinkFactory factory;
    private final DeviceCredentials device;
    private final DTLSConnector dtls;
    private final CoapEndpoint endpoint;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private boolean busy;
    private volatile boolean connected;

    /** A message waiting for its turn. */
    private record Pending(byte[] payload, ContentType type, CompletableFuture<LinkAnswer> answer) {
    }

    CoapLink(CoapLinkFactory factory, DeviceCredentials device) {
        this.factory = factory;
        this.device = device;
        CoapEndpoint.Builder builder = new CoapEndpoint.Builder().setConfiguration(factory.config());
        if (factory.secure()) {
            DtlsConnectorConfig config = DtlsConnectorConfig.builder(factory.config())
                .setAddress(new InetSocketAddress(0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(device.id(), device.key()))
                .build();
            this.dtls = new DTLSConnector(config);
            builder.setConnector(dtls);
        } else {
            this.dtls = null;
            builder.setInetSocketAddress(new InetSocketAddress(0));
        }
        this.endpoint = builder.build();
        endpoint.setExecutors(factory.mainExecutor(), factory.secondaryExecutor());
    }

    @Override
    public synchronized void connect() throws LinkException {
        if (connected) {
            return;
        }
        try {
            endpoint.start();
            connected = true;
        } catch (IOException e) {
            throw new LinkException("coap: device " + device.id() + " cannot open a local endpoint: " + e, e);
        }
    }

    @Override
    public void drop() {
        // A modem out of coverage just stops sending; the DTLS session survives on both sides.
        connected = false;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public CompletionStage<LinkAnswer> send(byte[] payload, ContentType type) {
        if (!connected) {
            return CompletableFuture.completedFuture(LinkAnswer.failed("not connected"));
        }
        Pending pending = new Pending(payload, type, new CompletableFuture<>());
        boolean start;
        synchronized (queue) {
            queue.addLast(pending);
            start = !busy;
            busy = true;
        }
        if (start) {
            startNext();
        }
        return pending.answer();
    }

    private void startNext() {
        Pending next;
        while (true) {
            synchronized (queue) {
                next = queue.pollFirst();
                if (next == null) {
                    busy = false;
                    return;
                }
            }
            if (connected) {
                break;
            }
            next.answer().complete(LinkAnswer.failed("not connected"));
        }
        Pending sending = next;
        CompletableFuture<LinkAnswer> exchangeEnded = new CompletableFuture<>();
        exchangeEnded.whenComplete((a, e) -> {
            sending.answer().complete(a);
            startNext();
        });
        Request request = Request.newPost();
        request.setURI(factory.server().resolve("/" + CoapPaths.UPLINK).toString());
        request.setConfirmable(true);
        request.setPayload(sending.payload());
        request.getOptions().setContentFormat(sending.type().coapFormat());
        request.addMessageObserver(new AnswerObserver(exchangeEnded));
        endpoint.sendRequest(request);
    }

    @Override
    public void forgetSession() {
        if (dtls != null) {
            dtls.clearConnectionState();
        }
    }

    @Override
    public String describe() {
        return "coap " + factory.server();
    }

    @Override
    public synchronized void close() {
        connected = false;
        endpoint.destroy();
        List<Pending> left;
        synchronized (queue) {
            left = List.copyOf(queue);
            queue.clear();
        }
        left.forEach(p -> p.answer().complete(LinkAnswer.failed("link closed")));
    }

    /** Completes the answer from the exchange's end, whichever way it ends. */
    private final class AnswerObserver extends MessageObserverAdapter {
        private final CompletableFuture<LinkAnswer> answer;

        AnswerObserver(CompletableFuture<LinkAnswer> answer) {
            this.answer = answer;
        }

        @Override
        public void onResponse(Response response) {
            int code = response.getCode().value;
            String text = CoapPaths.text(code) + " " + response.getCode().name() + diagnostic(response);
            if (response.isSuccess()) {
                Optional<byte[]> command = response.getPayloadSize() > 0
                    && response.getOptions().getContentFormat() == MediaTypeRegistry.APPLICATION_CBOR
                    ? Optional.of(response.getPayload()) : Optional.empty();
                answer.complete(new LinkAnswer(LinkAnswer.Verdict.ACCEPTED, text, command));
            } else {
                answer.complete(LinkAnswer.rejected(text));
            }
        }

        @Override
        public void onTimeout() {
            answer.complete(LinkAnswer.failed("timeout: no answer after the last retransmission"));
        }

        @Override
        public void onReject() {
            answer.complete(LinkAnswer.failed("the server reset the exchange (RST)"));
        }

        @Override
        public void onCancel() {
            answer.complete(LinkAnswer.failed("cancelled"));
        }

        @Override
        public void onSendError(Throwable error) {
            LOG.debug("send failed [device: {}]", device.id(), error);
            answer.complete(LinkAnswer.failed("send failed: " + error.getMessage()));
        }

        private String diagnostic(Response response) {
            if (response.isSuccess() || response.getPayloadSize() == 0) {
                return "";
            }
            int format = response.getOptions().getContentFormat();
            if (format != MediaTypeRegistry.UNDEFINED && format != MediaTypeRegistry.TEXT_PLAIN) {
                return "";
            }
            return ": " + new String(response.getPayload(), StandardCharsets.UTF_8);
        }
    }
}
