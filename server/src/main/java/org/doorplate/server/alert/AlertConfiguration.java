package org.doorplate.server.alert;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/** Settings under {@code doorplate.alerts}: reminders, escalation and delivery. */
@ConfigurationProperties("doorplate.alerts")
public class AlertConfiguration {
    private Duration remindAfter = Duration.ofMinutes(30);
    private Duration remindEvery = Duration.ofHours(1);
    private Duration escalateAfter = Duration.ofHours(2);
    private Duration checkInterval = Duration.ofSeconds(30);
    private List<Integer> mqttAreaPrefixes = List.of(6, 12);
    private Duration webhookTimeout = Duration.ofSeconds(10);
    private Duration webhookRetryInitial = Duration.ofSeconds(10);
    private Duration webhookRetryMax = Duration.ofHours(1);
    private int webhookMaxAttempts = 30;
    private Duration webhookDispatchInterval = Duration.ofSeconds(1);

    /** First reminder when an alert stays unacknowledged this long. */
    public Duration getRemindAfter() {
        return remindAfter;
    }

    public void setRemindAfter(Duration remindAfter) {
        this.remindAfter = positive("remind-after", remindAfter);
    }

    /** Further reminders at this interval until someone acknowledges. */
    public Duration getRemindEvery() {
        return remindEvery;
    }

    public void setRemindEvery(Duration remindEvery) {
        this.remindEvery = positive("remind-every", remindEvery);
    }

    /** Each period this long unacknowledged raises the severity one step and tells supervisors. */
    public Duration getEscalateAfter() {
        return escalateAfter;
    }

    public void setEscalateAfter(Duration escalateAfter) {
        this.escalateAfter = positive("escalate-after", escalateAfter);
    }

    /** How often the reminder and escalation check runs. */
    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = positive("check-interval", checkInterval);
    }

    /** Lengths of the area-code prefixes whose MQTT topics get each alert (6: county, 12: village). */
    public List<Integer> getMqttAreaPrefixes() {
        return mqttAreaPrefixes;
    }

    public void setMqttAreaPrefixes(List<Integer> mqttAreaPrefixes) {
        for (int length : mqttAreaPrefixes) {
            if (length < 1 || length > 12) {
                throw new IllegalArgumentException("mqtt-area-prefixes: expected lengths 1..12, found " + length);
            }
        }
        this.mqttAreaPrefixes = List.copyOf(mqttAreaPrefixes);
    }

    /** How long one webhook delivery may take before it counts as failed. */
    public Duration getWebhookTimeout() {
        return webhookTimeout;
    }

    public void setWebhookTimeout(Duration webhookTimeout) {
        this.webhookTimeout = positive("webhook-timeout", webhookTimeout);
    }

    /** Wait before the first retry of a failed webhook delivery; it doubles with each failure. */
    public Duration getWebhookRetryInitial() {
        return webhookRetryInitial;
    }

    public void setWebhookRetryInitial(Duration webhookRetryInitial) {
        this.webhookRetryInitial = positive("webhook-retry-initial", webhookRetryInitial);
    }

    /** The longest wait between two retries of a webhook delivery. */
    public Duration getWebhookRetryMax() {
        return webhookRetryMax;
    }

    public void setWebhookRetryMax(Duration webhookRetryMax) {
        this.webhookRetryMax = positive("webhook-retry-max", webhookRetryMax);
    }

    /** Attempts after which a webhook delivery is given up and marked failed. */
    public int getWebhookMaxAttempts() {
        return webhookMaxAttempts;
    }

    public void setWebhookMaxAttempts(int webhookMaxAttempts) {
        if (webhookMaxAttempts < 1) {
            throw new IllegalArgumentException("webhook-max-attempts: expected at least 1, found "
                + webhookMaxAttempts);
        }
        this.webhookMaxAttempts = webhookMaxAttempts;
    }

    /** How often the webhook outbox is scanned for due deliveries (new events also wake it). */
    public Duration getWebhookDispatchInterval() {
        return webhookDispatchInterval;
    }

    public void setWebhookDispatchInterval(Duration webhookDispatchInterval) {
        this.webhookDispatchInterval = positive("webhook-dispatch-interval", webhookDispatchInterval);
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": expected a positive duration, found " + value);
        }
        return value;
    }
}
