package org.doorplate.server.doorplate;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Limits on citizen reports ({@code doorplate.reports.*}). */
@ConfigurationProperties("doorplate.reports")
public class ReportConfiguration {
    private int perClient = 5;
    private Duration clientWindow = Duration.ofMinutes(10);
    private int perPlate = 10;
    private Duration plateWindow = Duration.ofHours(1);

    /** Reports one client address may send within {@link #getClientWindow()}. */
    public int getPerClient() {
        return perClient;
    }

    public void setPerClient(int perClient) {
        this.perClient = perClient;
    }

    /** The window of the per-client limit. */
    public Duration getClientWindow() {
        return clientWindow;
    }

    public void setClientWindow(Duration clientWindow) {
        this.clientWindow = clientWindow;
    }

    /** Reports one plate may receive within {@link #getPlateWindow()}. */
    public int getPerPlate() {
        return perPlate;
    }

    public void setPerPlate(int perPlate) {
        this.perPlate = perPlate;
    }

    /** The window of the per-plate limit. */
    public Duration getPlateWindow() {
        return plateWindow;
    }

    public void setPlateWindow(Duration plateWindow) {
        this.plateWindow = plateWindow;
    }
}
