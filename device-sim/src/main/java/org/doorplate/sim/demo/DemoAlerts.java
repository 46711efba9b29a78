package org.doorplate.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doorplate.sim.api.ServerApi;

/** Watches the open alerts until one for the faulted marker appears. */
final class DemoAlerts {
    private DemoAlerts() {
    }

    /**
     * Polls {@code GET /api/v1/alerts?state=open} every two seconds until an alert's subject is
     * one of {@code subjects} (the marker's number or its device), printing it; gives up after
     * {@code timeout}.
     */
    static void awaitOpenAlert(ServerApi api, List<String> subjects, Duration timeout, CountDownLatch stopped,
            PrintWriter out) throws InterruptedException {
        String subject = String.join(" or ", subjects);
        out.println("waiting up to " + timeout.toSeconds() + " s for an open alert on " + subject + " ...");
        out.flush();
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            JsonNode alerts = api.get("/api/v1/alerts?state=open", "list open alerts");
            JsonNode items = alerts.isArray() ? alerts : firstArray(alerts);
            if (items != null) {
                for (JsonNode alert : items) {
                    String about = DemoCommand.text(alert, "subjectId", "subject_id", "subject");
                    if (about != null && subjects.contains(about)) {
                        out.println("alert open: " + describe(alert));
                        out.flush();
                        return;
                    }
                }
            }
            if (stopped.await(2, TimeUnit.SECONDS)) {
                return;
            }
        }
        out.println("no open alert for " + subject + " after " + timeout.toSeconds() + " s; see the crew page");
        out.flush();
    }

    private static String describe(JsonNode alert) {
        String severity = DemoCommand.text(alert, "severity");
        String fault = DemoCommand.text(alert, "faultType", "fault_type", "type");
        String subject = DemoCommand.text(alert, "subjectId", "subject_id", "subject");
        String message = DemoCommand.text(alert, "message");
        if (fault == null && message == null) {
            return alert.toString();
        }
        return (severity == null ? "" : severity + " ") + fault + " on " + subject + (message == null ? ""
            : ": " + message);
    }

    private static JsonNode firstArray(JsonNode object) {
        for (JsonNode child : object) {
            if (child.isArray()) {
                return child;
            }
        }
        return null;
    }
}
