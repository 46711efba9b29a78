package org.doorplate.protocol.transport;

import java.util.Objects;
import java.util.Optional;
import org.doorplate.protocol.message.DeviceIds;

/**
 * The MQTT topic names (MQTT 5.0 section 4.7).
 *
 * <ul>
 *   <li>{@code doorplate/v1/up/{deviceId}}: uplinks, QoS 1, CBOR or JSON.</li>
 *   <li>{@code doorplate/v1/down/{deviceId}}: commands, QoS 1, CBOR (JSON for a device that
 *       sent JSON last).</li>
 *   <li>{@code doorplate/v1/alerts/{areaCode}}: alerts for maintenance crews, QoS 1, JSON.</li>
 * </ul>
 * Server instances subscribe with the shared subscription
 * {@code $share/{group}/doorplate/v1/up/+} (MQTT 5.0 section 4.8.2) so that they split the
 * stream. Stateless and thread-safe.
 */
public final class Topics {
    /** The QoS of uplinks and downlinks: at least once, with PUBACK only after the store committed. */
    public static final int QOS = 1;

    public static final String UPLINK_PREFIX = "doorplate/v1/up/";
    public static final String DOWNLINK_PREFIX = "doorplate/v1/down/";
    public static final String ALERTS_PREFIX = "doorplate/v1/alerts/";

    /** Every device's uplink topic. */
    public static final String UPLINK_FILTER = UPLINK_PREFIX + "+";

    /** Every area's alert topic. */
    public static final String ALERTS_FILTER = ALERTS_PREFIX + "+";

    private Topics() {
    }

    /** The topic {@code deviceId} publishes its uplinks to. */
    public static String uplink(String deviceId) {
        return UPLINK_PREFIX + DeviceIds.require("deviceId", deviceId);
    }

    /** The topic {@code deviceId} subscribes to for its commands. */
    public static String downlink(String deviceId) {
        return DOWNLINK_PREFIX + DeviceIds.require("deviceId", deviceId);
    }

    /**
     * The topic crews subscribe to for alerts in one area.
     *
     * @param areaCode a division code (12 digits, or a shorter prefix for a larger area)
     */
    public static String alerts(String areaCode) {
        Objects.requireNonNull(areaCode, "areaCode");
        if (areaCode.isEmpty() || areaCode.length() > 12 || !areaCode.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("areaCode: expected 1..12 digits, found '" + areaCode + "'");
        }
        return ALERTS_PREFIX + areaCode;
    }

    /**
     * The shared subscription a server instance of {@code group} makes.
     *
     * @param group the share name: 1..64 characters from A-Z a-z 0-9 . _ -
     */
    public static String sharedUplinkSubscription(String group) {
        return "$share/" + DeviceIds.require("group", group) + "/" + UPLINK_FILTER;
    }

    /** The device of an uplink topic, or empty if {@code topic} is not one. */
    public static Optional<String> deviceOfUplink(String topic) {
        if (topic == null || !topic.startsWith(UPLINK_PREFIX)) {
            return Optional.empty();
        }
        String device = topic.substring(UPLINK_PREFIX.length());
        return DeviceIds.isValid(device) ? Optional.of(device) : Optional.empty();
    }

    /** The device of a downlink topic, or empty if {@code topic} is not one. */
    public static Optional<String> deviceOfDownlink(String topic) {
        if (topic == null || !topic.startsWith(DOWNLINK_PREFIX)) {
            return Optional.empty();
        }
        String device = topic.substring(DOWNLINK_PREFIX.length());
        return DeviceIds.isValid(device) ? Optional.of(device) : Optional.empty();
    }
}
