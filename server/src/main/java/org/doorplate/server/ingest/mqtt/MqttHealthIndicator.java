package org.doorplate.server.ingest.mqtt;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** Reports the broker connection: {@code /health} answers 503 while it is down. */
@Singleton
final class MqttHealthIndicator implements HealthIndicator {
    private final MqttAsyncClient client;

    MqttHealthIndicator(MqttAsyncClient client) {
        this.client = client;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean connected = client.isConnected();
        return Mono.just(HealthResult.builder("mqtt")
            .status(connected ? HealthStatus.UP : HealthStatus.DOWN)
            .details(Map.of("broker", client.getServerURI(), "connected", connected))
            .build());
    }
}
