package org.doorplate.server.embedded;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.doorplate.server.ingest.mqtt.MqttConfiguration;

/** Starts the embedded MQTT broker when no {@code doorplate.mqtt.url} is configured. */
@Factory
@Requires(missingProperty = "doorplate.mqtt.url")
public class EmbeddedMqttBrokerFactory {
    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedMqttBroker embeddedMqttBroker(MqttConfiguration config,
                                          @Value("${doorplate.data-dir:`~/.doorplate`}") String dataDir) {
        Path folder = expandHome(dataDir).resolve("mqtt");
        return EmbeddedMqttBroker.start(folder, config.getEmbeddedBindAddress(), config.getEmbeddedPort());
    }

    private static Path expandHome(String dataDir) {
        if (dataDir.equals("~") || dataDir.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), dataDir.substring(1).replaceFirst("^/", ""));
        }
        return Path.of(dataDir);
    }
}
