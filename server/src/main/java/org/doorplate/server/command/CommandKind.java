package org.doorplate.server.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.doorplate.protocol.message.CommandAction;

/**
 * The command types of the HTTP API and their parameters, which use the protocol's wire names
 * and units (PROTOCOL.md): {@code report_interval} takes {@code interval_s}, {@code thresholds}
 * takes {@code tilt_limit} (0.01 degree) and/or {@code low_battery_mv}; {@code reboot} and
 * {@code locate} take none.
 */
public enum CommandKind {
    REPORT_INTERVAL("report_interval", Set.of("interval_s")),
    THRESHOLDS("thresholds", Set.of("tilt_limit", "low_battery_mv")),
    REBOOT("reboot", Set.of()),
    LOCATE("locate", Set.of());

    private final String wireName;
    private final Set<String> parameters;

    CommandKind(String wireName, Set<String> parameters) {
        this.wireName = wireName;
        this.parameters = parameters;
    }

    /** The name in the API and in the {@code commands.type} column. */
    public String wireName() {
        return wireName;
    }

    /** The kind with this API name. */
    public static Optional<CommandKind> byName(String name) {
        for (CommandKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind of a protocol action. */
    public static CommandKind of(CommandAction action) {
        return switch (action.kind()) {
            case SET_REPORT_INTERVAL -> REPORT_INTERVAL;
            case SET_THRESHOLDS -> THRESHOLDS;
            case REBOOT -> REBOOT;
            case LOCATE -> LOCATE;
        };
    }

    /**
     * The action these parameters describe.
     *
     * @throws IllegalArgumentException naming the parameter that is unknown, missing or out of range
     */
    public CommandAction action(Map<String, ?> params) {
        for (String name : params.keySet()) {
            if (!parameters.contains(name)) {
                throw new IllegalArgumentException(name + ": not a parameter of " + wireName
                    + (parameters.isEmpty() ? " (it takes none)" : ", expected " + new TreeSet<>(parameters)));
            }
        }
        return switch (this) {
            case REPORT_INTERVAL -> new CommandAction.SetReportInterval(
                integer(params, "interval_s").orElseThrow(() -> missing("interval_s")));
            case THRESHOLDS -> new CommandAction.SetThresholds(integer(params, "tilt_limit"),
                integer(params, "low_battery_mv"));
            case REBOOT -> new CommandAction.Reboot();
            case LOCATE -> new CommandAction.Locate();
        };
    }

    /** The parameters of a protocol action, as {@link #action} reads them. */
    public static Map<String, Object> params(CommandAction action) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (action instanceof CommandAction.SetReportInterval interval) {
            params.put("interval_s", interval.seconds());
        } else if (action instanceof CommandAction.SetThresholds thresholds) {
            thresholds.tiltCentiDegrees().ifPresent(t -> params.put("tilt_limit", t));
            thresholds.lowBatteryMv().ifPresent(v -> params.put("low_battery_mv", v));
        }
        return params;
    }

    private IllegalArgumentException missing(String name) {
        return new IllegalArgumentException(name + ": required for " + wireName);
    }

    private static OptionalInt integer(Map<String, ?> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(name + ": expected an integer, found "
                + value.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        }
        BigDecimal decimal = number instanceof BigDecimal big ? big
            : number instanceof BigInteger big ? new BigDecimal(big)
            : number instanceof Double || number instanceof Float ? BigDecimal.valueOf(number.doubleValue())
            : BigDecimal.valueOf(number.longValue());
        try {
            return OptionalInt.of(decimal.intValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + ": expected an integer, found " + decimal.toPlainString());
        }
    }
}
