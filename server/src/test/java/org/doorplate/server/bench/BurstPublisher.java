package org.doorplate.server.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.doorplate.protocol.transport.Topics;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes a stream with QoS 1 from several asynchronous Paho clients, each keeping a window
 * of messages in flight, as fast as the broker acknowledges them: open loop, so the consumer
 * being measured, not the publisher, sets the pace. A device's messages all go through one
 * client, so they reach the broker in sequence order.
 */
final class BurstPublisher implements AutoCloseable {
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final int inflight;

    BurstPublisher(String url, String name, int clients, int inflight) throws MqttException {
        this.inflight = inflight;
        for (int c = 0; c < clients; c++) {
            MqttAsyncClient client = new MqttAsyncClient(url, name + "-" + c, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            this.clients.add(client);
        }
    }

    int clients() {
        return clients.size();
    }

    /** A running publication; {@link #awaitAcknowledged} waits for the broker's last PUBACK. */
    Publication start(List<BenchStream.Message> messages) {
        List<List<BenchStream.Message>> lanes = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            int lane = c;
            lanes.add(messages.stream().filter(m -> m.lane() % clients.size() == lane).toList());
        }
        Publication publication = new Publication(messages.size());
        for (int c = 0; c < clients.size(); c++) {
            MqttAsyncClient client = clients.get(c);
            List<BenchStream.Message> mine = lanes.get(c);
            Thread thread = new Thread(() -> publication.run(client, mine, inflight), "bench-publisher-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        return publication;
    }

    @Override
    public void close() throws MqttException {
        for (MqttAsyncClient client : clients) {
            client.disconnect().waitForCompletion(5000);
            client.close();
        }
    }

    /** Counts acknowledgements and remembers the first failure. */
    static final class Publication {
        private final long total;
        private final long started = System.nanoTime();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile long finished;

        private Publication(long total) {
            this.total = total;
        }

        private void run(MqttAsyncClient client, List<BenchStream.Message> messages, int inflight) {
            Semaphore window = new Semaphore(inflight);
            MqttActionListener listener = new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                    if (acknowledged.incrementAndGet() == total) {
                        finished = System.nanoTime();
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    window.release();
                    failure.compareAndSet(null, exception);
                }
            };
            try {
                for (BenchStream.Message message : messages) {
                    window.acquire();
                    client.publish(message.topic(), message.payload(), Topics.QOS, false, null, listener);
                }
            } catch (MqttException e) {
                failure.compareAndSet(null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until the broker acknowledged every message and answers the seconds since the start. */
        double awaitAcknowledged(long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            while (acknowledged.get() < total) {
                if (failure.get() != null) {
                    throw new IllegalStateException("a publish failed", failure.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker acknowledged " + acknowledged.get() + " of "
                        + total + " messages");
                }
                Thread.sleep(5);
            }
            return (finished - started) / 1e9;
        }

        long startedNanos() {
            return started;
        }
    }
}
