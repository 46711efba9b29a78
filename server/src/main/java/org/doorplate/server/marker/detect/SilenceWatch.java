package org.doorplate.server.marker.detect;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.doorplate.server.alert.AlertRequest;
import org.doorplate.server.alert.AlertService;
import org.doorplate.server.alert.Severity;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.telemetry.DeviceState;
import org.doorplate.server.telemetry.DeviceStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds silent devices on a schedule, not when a message arrives (a silent device sends none):
 * every {@code silence-check-interval} it reads each device's last-seen time from the
 * database and raises {@code silent} for an active device not heard from within
 * {@code silence-factor} times its report interval, or clears the alert of one heard again.
 * It keeps nothing in memory, so it works the same right after a restart, and two server
 * instances doing it at once only meet in the alert de-duplication.
 *
 * <p>A device that never reported at all has no last-seen time and is not checked: a
 * registered device may simply not be installed yet.
 */
@Singleton
@Requires(beans = DeviceFacts.class)
public class SilenceWatch {
    private static final Logger LOG = LoggerFactory.getLogger(SilenceWatch.class);

    private final DeviceStates states;
    private final DeviceFacts facts;
    private final AlertService alerts;
    private final DetectionConfiguration config;
    private final Clock clock;

    public SilenceWatch(DeviceStates states, DeviceFacts facts, AlertService alerts, DetectionConfiguration config,
            BeanProvider<Clock> clock) {
        this.states = states;
        this.facts = facts;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelay = "${doorplate.detection.silence-check-interval:1m}",
        initialDelay = "${doorplate.detection.silence-check-interval:1m}")
    void scheduledCheck() {
        try {
            check();
        } catch (DoorplateException | IllegalStateException e) {
            LOG.warn("silence check failed; trying again at the next interval: {}", e.getMessage());
        }
    }

    /** Runs one check; returns how many devices are silent now. */
    public int check() {
        Instant now = clock.instant();
        Set<String> live = alerts.liveSubjects(FaultTypes.SILENT);
        int silent = 0;
        for (DeviceState state : states.all()) {
            Optional<DeviceFacts.Facts> device = facts.find(state.id());
            Duration limit = device.map(f -> scaled(f.reportInterval())).orElse(null);
            boolean isSilent = device.isPresent() && device.get().active()
                && state.lastSeen().plus(limit).isBefore(now);
            if (isSilent) {
                silent++;
                if (!live.contains(state.id())) {
                    raise(state, device.get(), now);
                }
            } else if (live.contains(state.id())) {
                alerts.clear(state.id(), FaultTypes.SILENT, now);
            }
        }
        return silent;
    }

    private void raise(DeviceState state, DeviceFacts.Facts device, Instant now) {
        Duration quiet = Duration.between(state.lastSeen(), now);
        String message = String.format("%s device %s silent: no report for %s (expected every %s)",
            state.kind().name().toLowerCase(Locale.ROOT), state.id(), human(quiet),
            human(device.reportInterval()));
        alerts.raise(new AlertRequest(state.id(), FaultTypes.SILENT, Severity.MEDIUM, device.areaCode(), message,
            now));
    }

    private Duration scaled(Duration interval) {
        return Duration.ofMillis((long) (interval.toMillis() * config.getSilenceFactor()));
    }

    private static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 120) {
            return minutes + " min";
        }
        return minutes < 48 * 60 ? minutes / 60 + " h" : minutes / (24 * 60) + " d";
    }
}
