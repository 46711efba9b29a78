package org.doorplate.server.command;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings of downlink command delivery, under {@code doorplate.commands.*}. */
@ConfigurationProperties("doorplate.commands")
public class CommandConfiguration {
    private Duration resendAfter = Duration.ofSeconds(30);
    private Duration maxResendDelay = Duration.ofMinutes(15);
    private int maxMqttSends = 6;
    private Duration resendCheckInterval = Duration.ofSeconds(5);
    private Duration pendingRefreshInterval = Duration.ofSeconds(30);

    /** Wait before the first MQTT resend of an unconfirmed command; doubles after each resend. */
    public Duration getResendAfter() {
        return resendAfter;
    }

    public void setResendAfter(Duration resendAfter) {
        this.resendAfter = resendAfter;
    }

    /** The longest wait between two MQTT publishes of the same command. */
    public Duration getMaxResendDelay() {
        return maxResendDelay;
    }

    public void setMaxResendDelay(Duration maxResendDelay) {
        this.maxResendDelay = maxResendDelay;
    }

    /** MQTT publishes of one command before waiting for the device's next uplink to try again. */
    public int getMaxMqttSends() {
        return maxMqttSends;
    }

    public void setMaxMqttSends(int maxMqttSends) {
        this.maxMqttSends = maxMqttSends;
    }

    /** How often due MQTT resends are looked for. */
    public Duration getResendCheckInterval() {
        return resendCheckInterval;
    }

    public void setResendCheckInterval(Duration resendCheckInterval) {
        this.resendCheckInterval = resendCheckInterval;
    }

    /** How often the in-memory list of devices with pending commands is reread (other instances). */
    public Duration getPendingRefreshInterval() {
        return pendingRefreshInterval;
    }

    public void setPendingRefreshInterval(Duration pendingRefreshInterval) {
        this.pendingRefreshInterval = pendingRefreshInterval;
    }
}
