package org.doorplate.server.ingest.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.MessageCallback;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A CoAP-over-DTLS device for tests, built from Californium's own parts (Scandium's connector,
 * Californium's CoAP serializer) but without its request/response layer, so that a test can
 * send exactly the datagrams a device would, including a retransmitted CON with the same
 * message id. It acknowledges separate CON responses as RFC 7252 5.2.2 requires.
 */
public final class DtlsTestClient implements AutoCloseable {
    private static final AtomicInteger NEXT_MID = new AtomicInteger(1000);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_RETRANSMIT = 4;

    private final DTLSConnector connector;
    private final InetSocketAddress server;
    private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Throwable> sendError = new CompletableFuture<>();
    private final UdpDataSerializer serializer = new UdpDataSerializer();
    private final UdpDataParser parser = new UdpDataParser();

    public DtlsTestClient(String identity, byte[] key, InetSocketAddress server) throws IOException {
        this(identity, key, server, null, Duration.ofMillis(300));
    }

    /**
     * A client whose DTLS work runs on {@code executor} (shared by many clients), or its own when
     * null, and whose handshake flights are resent after {@code retransmission}, once.
     */
    public DtlsTestClient(String identity, byte[] key, InetSocketAddress server, ExecutorService executor,
            Duration retransmission) throws IOException {
        this.server = server;
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, DtlsConfig.DEFINITIONS,
            UdpConfig.DEFINITIONS, SystemConfig.DEFINITIONS);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        // Length 0: the client supports connection ids (RFC 9146) without asking for one itself.
        config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, 0);
        // Loopback answers at once: a handshake that is refused fails within about a second.
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, retransmission.toMillis(), TimeUnit.MILLISECONDS);
        config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 1);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
            .setAddress(new InetSocketAddress("127.0.0.1", 0))
            .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
            .build();
        this.connector = new DTLSConnector(dtls);
        connector.setRawDataReceiver(this::received);
        if (executor != null) {
            connector.setExecutor(executor);
        }
        connector.start();
    }

    /** A POST to {@code /up}; {@code mid} is fixed by the caller so it can be resent as is. */
    public Request post(byte[] payload, int contentFormat, boolean confirmable) {
        Request request = new Request(Code.POST,
            confirmable ? Type.CON : Type.NON);
        request.setMID(NEXT_MID.getAndIncrement() & 0xffff);
        request.setToken(Token.fromProvider(new byte[] {(byte) request.getMID(), (byte) (request.getMID() >> 8)}));
        request.getOptions().setUriPath("up");
        request.getOptions().setContentFormat(contentFormat);
        request.setPayload(payload);
        request.setDestinationContext(new AddressEndpointContext(server));
        return request;
    }

    /** Sends the request's datagram (again, for a retransmission). */
    public void send(Request request) {
        RawData raw = serializer.serializeRequest(request, new MessageCallback() {
            @Override
            public void onConnecting() {
            }

            @Override
            public void onDtlsRetransmission(int flight) {
            }

            @Override
            public void onContextEstablished(EndpointContext context) {
            }

            @Override
            public void onSent() {
            }

            @Override
            public void onError(Throwable error) {
                sendError.complete(error);
            }
        });
        connector.send(raw);
    }

    /**
     * Sends and waits for the response with the request's token. A CON is retransmitted like a
     * device does (RFC 7252 4.2: after 2 s, doubling, at most 4 times) until it is acknowledged.
     */
    public Response exchange(Request request, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long wait = ACK_TIMEOUT.toNanos();
        int retransmissions = 0;
        send(request);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            boolean mayRetransmit = request.isConfirmable() && retransmissions < MAX_RETRANSMIT
                && !acknowledged.contains(request.getMID());
            Response response = awaitResponse(request.getToken(),
                Duration.ofNanos(mayRetransmit ? Math.min(wait, left) : left));
            if (response != null) {
                return response;
            }
            if (mayRetransmit && !acknowledged.contains(request.getMID())) {
                send(request);
                retransmissions++;
                wait *= 2;
            }
        }
    }

    /** The next response with this token, skipping empty ACKs; null on timeout. */
    public Response awaitResponse(Token token, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Response response = left > 0 ? responses.poll(left, TimeUnit.NANOSECONDS) : null;
            if (response == null || response.getToken().equals(token)) {
                return response;
            }
        }
    }

    /** Completes when sending failed, for example because the DTLS handshake failed. */
    public CompletableFuture<Throwable> sendError() {
        return sendError;
    }

    DTLSConnector connector() {
        return connector;
    }

    private void received(RawData raw) {
        Message message = parser.parseMessage(raw);
        if (message instanceof EmptyMessage empty && empty.getType() == Type.ACK) {
            acknowledged.add(empty.getMID());
        } else if (message instanceof Response response) {
            responses.add(response);
            if (response.getType() == Type.CON) {
                EmptyMessage ack = EmptyMessage.newACK(response);
                ack.setToken(Token.EMPTY);
                ack.setDestinationContext(raw.getEndpointContext());
                connector.send(serializer.serializeEmptyMessage(ack, null));
            }
        }
    }

    @Override
    public void close() {
        connector.destroy();
    }
}
