package org.doorplate.server.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint on loopback for webhook tests: records every request, fails the first few. */
final class RecordingEndpoint implements AutoCloseable {
    /** One request as received. */
    record Received(String body, String signature, String eventId, int answeredWith) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;

    RecordingEndpoint(int failFirst) {
        this.failuresLeft = new AtomicInteger(failFirst);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            received.add(new Received(body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_HEADER), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered with success. */
    List<Received> accepted() {
        return received.stream().filter(r -> r.answeredWith() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
