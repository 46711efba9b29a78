package org.doorplate.server.doorplate;

import jakarta.inject.Singleton;
import java.time.Clock;
import org.doorplate.server.alert.Alert;
import org.doorplate.server.alert.AlertRequest;
import org.doorplate.server.alert.Alerts;
import org.doorplate.server.alert.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the crews' alert for a citizen report (fault type {@code citizen_report}, severity LOW,
 * subject the plate code) and clears it when the plate's last open report is closed. Several
 * reports about one plate share its one live alert: the alert service de-duplicates.
 */
@Singleton
public class ReportAlerts {
    /** The alert fault type of citizen reports. */
    public static final String FAULT_TYPE = "citizen_report";

    private static final Logger LOG = LoggerFactory.getLogger(ReportAlerts.class);

    private final Alerts alerts;
    private final CitizenReports reports;
    private final Doorplates doorplates;
    private final Clock clock;

    public ReportAlerts(Alerts alerts, CitizenReports reports, Doorplates doorplates, Clock clock) {
        this.alerts = alerts;
        this.reports = reports;
        this.doorplates = doorplates;
        this.clock = clock;
    }

    /**
     * Raises (or joins) the plate's alert and notes its id on the report. The report is already
     * stored: when the alert service fails, it stays an open work item and the failure is logged.
     */
    void raise(CitizenReport report) {
        String area = doorplates.find(report.plateCode()).map(Doorplate::communityCode).orElse(null);
        String message = report.category() + (report.description().isEmpty() ? "" : ": " + report.description());
        try {
            Alert alert = alerts.raise(new AlertRequest(report.plateCode(), FAULT_TYPE, Severity.LOW, area,
                    message, report.reportedAt()));
            reports.linkAlert(report.id(), Long.toString(alert.id()));
        } catch (RuntimeException e) {
            LOG.warn("no alert for citizen report [plate: {}, report: {}]", report.plateCode(), report.id(), e);
        }
    }

    /**
     * Clears the plate's alert once no report about it is open any more. The report is already
     * closed: when the alert service fails, the alert stays for a crew to resolve by hand.
     */
    void clear(CitizenReport closed) {
        if (!reports.list("open", closed.plateCode(), 1).isEmpty()) {
            return;
        }
        try {
            alerts.clear(closed.plateCode(), FAULT_TYPE, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("citizen report alert not cleared [plate: {}, report: {}]", closed.plateCode(), closed.id(), e);
        }
    }
}
