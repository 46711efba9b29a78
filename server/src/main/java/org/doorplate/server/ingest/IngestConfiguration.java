package org.doorplate.server.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The uplink pipeline. */
@ConfigurationProperties("doorplate.ingest")
public interface IngestConfiguration {
    /** Replay window width per device, in sequence numbers (a multiple of 64). */
    @Bindable(defaultValue = "4096")
    @Min(64)
    @Max(1 << 20)
    int getReplayWindow();
}
