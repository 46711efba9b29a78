package org.doorplate.server.alert;

import java.time.Instant;

/**
 * Raises and clears alerts. At most one live (open or acknowledged) alert exists per subject
 * and fault type; raising the same fault again returns that alert instead of a second one.
 * Every state change is kept as history and delivered to the crews (MQTT topic per area, the
 * event stream, webhooks). Implementations are thread-safe.
 */
public interface Alerts {
    /**
     * Opens an alert, or returns the live one for the same subject and fault type.
     *
     * @param request what to raise
     * @return the new alert, or the one already live (unchanged)
     */
    Alert raise(AlertRequest request);

    /**
     * Clears automatically the live alert of a subject and fault type because the condition
     * ended; does nothing when there is none.
     *
     * @param subjectId the subject
     * @param faultType the fault type
     * @param at when the condition was seen to have ended
     */
    void clear(String subjectId, String faultType, Instant at);
}
