package org.doorplate.server.device;

import io.micronaut.core.annotation.Nullable;
import org.doorplate.server.error.DoorplateException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads report intervals written as ISO-8601 ({@code PT15M}) or short ({@code 15m}, {@code 24h}). */
final class ReportIntervals {
    static final Duration MIN = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofDays(7);
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");

    private ReportIntervals() {
    }

    /** The interval, or the kind's default for null or blank. */
    static Duration parse(@Nullable String text, DeviceKind kind) {
        if (text == null || text.isBlank()) {
            return kind.defaultReportInterval();
        }
        Duration interval = read(text.trim().toLowerCase(Locale.ROOT));
        if (interval.compareTo(MIN) < 0 || interval.compareTo(MAX) > 0) {
            throw DoorplateException.badRequest("reportInterval must be between " + MIN + " and " + MAX
                + ", found " + interval);
        }
        return interval;
    }

    private static Duration read(String text) {
        Matcher match = SHORT.matcher(text);
        if (match.matches()) {
            long amount = Long.parseLong(match.group(1));
            return switch (match.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw DoorplateException.badRequest("reportInterval must be an ISO-8601 duration such as PT15M"
                + " or a number with s, m, h or d such as 15m; found '" + text + "'");
        }
    }
}
