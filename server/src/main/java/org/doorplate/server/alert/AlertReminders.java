package org.doorplate.server.alert;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.doorplate.server.error.DoorplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reminder and escalation check every {@code doorplate.alerts.check-interval}. The
 * check reads the alert table, so reminders survive restarts and several server instances
 * share the work (each locks the alerts it handles).
 */
@Singleton
public class AlertReminders {
    private static final Logger LOG = LoggerFactory.getLogger(AlertReminders.class);

    private final AlertService alerts;

    public AlertReminders(AlertService alerts) {
        this.alerts = alerts;
    }

    @Scheduled(fixedDelay = "${doorplate.alerts.check-interval:30s}",
        initialDelay = "${doorplate.alerts.check-interval:30s}")
    void check() {
        try {
            alerts.sendDueNotices();
        } catch (DoorplateException e) {
            LOG.warn("reminder check failed; trying again at the next interval: {}", e.getMessage());
        }
    }
}
