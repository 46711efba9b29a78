package org.doorplate.server.logging;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How the server writes its log to standard output: {@code text}, one readable line per event,
 * or {@code json}, one JSON object per line for a log shipper (Loki, Elasticsearch, CloudWatch)
 * to index without a parsing rule.
 *
 * <p>Logback reads its configuration before Micronaut's, so the choice is made in
 * {@code main} from {@code DOORPLATE_LOG_FORMAT} or the system property
 * {@code doorplate.log.format}, and handed to {@code logback.xml} as the system property
 * {@value #APPENDER_PROPERTY} that names the appender.
 */
public enum LogFormat {
    TEXT,
    JSON;

    /** The system property that {@code logback.xml} reads to pick its appender. */
    public static final String APPENDER_PROPERTY = "doorplate.log.appender";

    static final String PROPERTY = "doorplate.log.format";
    static final String VARIABLE = "DOORPLATE_LOG_FORMAT";

    /**
     * The format the settings ask for: the system property first, then the environment
     * variable, {@link #TEXT} when neither is set.
     *
     * @throws IllegalArgumentException naming the setting and the accepted values when the
     *     value is neither {@code text} nor {@code json}
     */
    public static LogFormat from(Properties properties, Map<String, String> environment) {
        String value = properties.getProperty(PROPERTY);
        String source = PROPERTY;
        if (value == null) {
            value = environment.get(VARIABLE);
            source = VARIABLE;
        }
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": expected text or json, found '" + value + "'", e);
        }
    }

    /** Points {@code logback.xml} at this format's appender; call before the first logger. */
    public void select() {
        System.setProperty(APPENDER_PROPERTY, name());
    }
}
