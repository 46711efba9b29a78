package org.doorplate.server.marker.detect;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings under {@code doorplate.detection}: the fault detectors of markers and doorplates. */
@ConfigurationProperties("doorplate.detection")
public class DetectionConfiguration {
    private double tiltThresholdDegrees = 5.0;
    private double tiltHysteresisDegrees = 0.5;
    private int markerLowBatteryMv = 3_400;
    /**
     * Smart plates run on lithium thionyl chloride cells, which hold about 3.6 V for most of
     * their life and fall off a knee near 3.3 V: below that a plate has weeks left, and by
     * 2.7 V it is already dark. The plate's own LOW_BATTERY event uses the same limit, so the
     * reading after the event does not clear the alert the event opened.
     */
    private int doorplateLowBatteryMv = 3_300;
    private int batteryHysteresisMv = 100;
    private double silenceFactor = 3.0;
    private Duration silenceCheckInterval = Duration.ofMinutes(1);
    private Duration restoreLookback = Duration.ofDays(7);
    private double displacementThresholdMetres = DisplacementSettings.DEFAULTS.threshold();
    private int displacementMinWindow = DisplacementSettings.DEFAULTS.minWindow();
    private int displacementMaxWindow = DisplacementSettings.DEFAULTS.maxWindow();
    private double displacementFalseAlarmProbability = DisplacementSettings.DEFAULTS.falseAlarmProbability();
    private int displacementConfirmations = DisplacementSettings.DEFAULTS.confirmations();
    private double displacementClearSigmas = DisplacementSettings.DEFAULTS.clearSigmas();
    private boolean displacementClearAutomatically = DisplacementSettings.DEFAULTS.clearAutomatically();
    private double displacementMinSigmaMetres = DisplacementSettings.DEFAULTS.minSigma();
    private double displacementMaxHdop = DisplacementSettings.DEFAULTS.maxHdop();
    private int displacementMinSatellites = DisplacementSettings.DEFAULTS.minSatellites();

    /** The displacement settings as the detector takes them (checked there). */
    public DisplacementSettings displacement() {
        return new DisplacementSettings(displacementThresholdMetres, displacementMinWindow, displacementMaxWindow,
            displacementFalseAlarmProbability, displacementConfirmations, displacementClearSigmas,
            displacementClearAutomatically, displacementMinSigmaMetres, displacementMaxHdop,
            displacementMinSatellites);
    }

    /** A marker tilted further than this from vertical raises {@code tilted}. */
    public double getTiltThresholdDegrees() {
        return tiltThresholdDegrees;
    }

    public void setTiltThresholdDegrees(double tiltThresholdDegrees) {
        this.tiltThresholdDegrees = tiltThresholdDegrees;
    }

    /** The tilt alert clears only below the threshold minus this, so that it does not flap. */
    public double getTiltHysteresisDegrees() {
        return tiltHysteresisDegrees;
    }

    public void setTiltHysteresisDegrees(double tiltHysteresisDegrees) {
        this.tiltHysteresisDegrees = tiltHysteresisDegrees;
    }

    /** A marker battery below this many millivolts raises {@code low_battery}. */
    public int getMarkerLowBatteryMv() {
        return markerLowBatteryMv;
    }

    public void setMarkerLowBatteryMv(int markerLowBatteryMv) {
        this.markerLowBatteryMv = markerLowBatteryMv;
    }

    /** A doorplate battery below this many millivolts raises {@code low_battery}. */
    public int getDoorplateLowBatteryMv() {
        return doorplateLowBatteryMv;
    }

    public void setDoorplateLowBatteryMv(int doorplateLowBatteryMv) {
        this.doorplateLowBatteryMv = doorplateLowBatteryMv;
    }

    /** The battery alert clears only at the threshold plus this many millivolts. */
    public int getBatteryHysteresisMv() {
        return batteryHysteresisMv;
    }

    public void setBatteryHysteresisMv(int batteryHysteresisMv) {
        this.batteryHysteresisMv = batteryHysteresisMv;
    }

    /** A device is silent when it has not reported for this many times its report interval. */
    public double getSilenceFactor() {
        return silenceFactor;
    }

    public void setSilenceFactor(double silenceFactor) {
        if (!(silenceFactor >= 1)) {
            throw new IllegalArgumentException("silence-factor: expected at least 1, found " + silenceFactor);
        }
        this.silenceFactor = silenceFactor;
    }

    /** How often the silence check reads the devices' last-seen times. */
    public Duration getSilenceCheckInterval() {
        return silenceCheckInterval;
    }

    public void setSilenceCheckInterval(Duration silenceCheckInterval) {
        this.silenceCheckInterval = silenceCheckInterval;
    }

    /** How far back stored fixes are read to refill a marker's window after a restart. */
    public Duration getRestoreLookback() {
        return restoreLookback;
    }

    public void setRestoreLookback(Duration restoreLookback) {
        this.restoreLookback = restoreLookback;
    }

    /** Offset from the reference, metres, beyond which a marker counts as displaced. */
    public double getDisplacementThresholdMetres() {
        return displacementThresholdMetres;
    }

    public void setDisplacementThresholdMetres(double displacementThresholdMetres) {
        this.displacementThresholdMetres = displacementThresholdMetres;
    }

    /** Fixes in the shortest displacement window. */
    public int getDisplacementMinWindow() {
        return displacementMinWindow;
    }

    public void setDisplacementMinWindow(int displacementMinWindow) {
        this.displacementMinWindow = displacementMinWindow;
    }

    /** Fixes in the longest displacement window. */
    public int getDisplacementMaxWindow() {
        return displacementMaxWindow;
    }

    public void setDisplacementMaxWindow(int displacementMaxWindow) {
        this.displacementMaxWindow = displacementMaxWindow;
    }

    /** p-value limit of the longest window; shorter windows get a proportionally smaller one. */
    public double getDisplacementFalseAlarmProbability() {
        return displacementFalseAlarmProbability;
    }

    public void setDisplacementFalseAlarmProbability(double displacementFalseAlarmProbability) {
        this.displacementFalseAlarmProbability = displacementFalseAlarmProbability;
    }

    /** Consecutive evaluations of one window that must agree before the state changes. */
    public int getDisplacementConfirmations() {
        return displacementConfirmations;
    }

    public void setDisplacementConfirmations(int displacementConfirmations) {
        this.displacementConfirmations = displacementConfirmations;
    }

    /** Clearing needs offset + this many standard errors below the threshold. */
    public double getDisplacementClearSigmas() {
        return displacementClearSigmas;
    }

    public void setDisplacementClearSigmas(double displacementClearSigmas) {
        this.displacementClearSigmas = displacementClearSigmas;
    }

    /** Whether a marker back inside the circle clears its displacement alert. */
    public boolean isDisplacementClearAutomatically() {
        return displacementClearAutomatically;
    }

    public void setDisplacementClearAutomatically(boolean displacementClearAutomatically) {
        this.displacementClearAutomatically = displacementClearAutomatically;
    }

    /** Smallest per-axis fix noise at HDOP 1 the estimate assumes, metres. */
    public double getDisplacementMinSigmaMetres() {
        return displacementMinSigmaMetres;
    }

    public void setDisplacementMinSigmaMetres(double displacementMinSigmaMetres) {
        this.displacementMinSigmaMetres = displacementMinSigmaMetres;
    }

    /** Fixes with a larger HDOP are ignored. */
    public double getDisplacementMaxHdop() {
        return displacementMaxHdop;
    }

    public void setDisplacementMaxHdop(double displacementMaxHdop) {
        this.displacementMaxHdop = displacementMaxHdop;
    }

    /** Fixes from fewer satellites are ignored. */
    public int getDisplacementMinSatellites() {
        return displacementMinSatellites;
    }

    public void setDisplacementMinSatellites(int displacementMinSatellites) {
        this.displacementMinSatellites = displacementMinSatellites;
    }
}
