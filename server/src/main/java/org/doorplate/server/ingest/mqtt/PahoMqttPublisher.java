package org.doorplate.server.ingest.mqtt;

import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Publishes through the server's Paho client. */
@Singleton
final class PahoMqttPublisher implements MqttPublisher {
    private final MqttAsyncClient client;

    PahoMqttPublisher(MqttAsyncClient client) {
        this.client = client;
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] payload, int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, found " + qos);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.publish(topic, payload, qos, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    done.completeExceptionally(failure);
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
