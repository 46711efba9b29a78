package org.doorplate.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario did and what the server answered.
 *
 * @param scenario the scenario's name
 * @param deviceId the device it was applied to
 * @param action what was done to the device, for people
 * @param deliveries the messages it sent, with their answers, in order
 */
public record ScenarioResult(String scenario, String deviceId, String action, List<Delivery> deliveries) {
    /** Copies the list. */
    public ScenarioResult {
        deliveries = List.copyOf(deliveries);
    }

    /** Lines for a terminal: the action, then one line per message. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(scenario + " on " + deviceId + ": " + action);
        for (Delivery d : deliveries) {
            lines.add("  " + d.describe());
        }
        return lines;
    }
}
