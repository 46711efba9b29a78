package org.doorplate.server.alert;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook endpoints: validated on the way in; the secret is kept to sign deliveries.
 *
 * <p>The secrets are stored as they are, because every delivery needs them to sign; a database
 * dump therefore discloses them. Encrypting them with the master key, as device keys are, is
 * not done yet.
 */
@Singleton
public class Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final int MIN_SECRET = 16;
    private static final int MAX_URL = 2_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;

    public Webhooks(DataSource dataSource, BeanProvider<Clock> clock) {
        this.dataSource = dataSource;
        // The server's clock bean where there is one (tests move time with it), else the system's.
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Adds an endpoint; see {@link WebhookController.NewWebhook} for the parameters. */
    public Created create(String url, @Nullable String secret, @Nullable String areaPrefix,
            @Nullable String audience) {
        validateUrl(url);
        if (secret != null && secret.length() < MIN_SECRET) {
            throw DoorplateException.badRequest("secret: expected at least " + MIN_SECRET + " characters");
        }
        if (areaPrefix != null && !areaPrefix.matches("[0-9]{1,12}")) {
            throw DoorplateException.badRequest("areaPrefix: expected 1..12 digits, found '" + areaPrefix + "'");
        }
        String who = audience == null ? Webhook.CREW : audience;
        if (!who.equals(Webhook.CREW) && !who.equals(Webhook.SUPERVISOR)) {
            throw DoorplateException.badRequest("audience: expected crew or supervisor, found '" + audience + "'");
        }
        String key = secret != null ? secret : generateSecret();
        Webhook hook = run(c -> WebhookStore.create(c, url, key, areaPrefix, who, clock.instant()));
        LOG.info("webhook added [id: {}, audience: {}, area: {}]", hook.id(), who, areaPrefix);
        return new Created(hook, key);
    }

    public List<Webhook> list() {
        return run(WebhookStore::list);
    }

    public WebhookStatus status(long id) {
        return run(c -> WebhookStore.status(c, id))
            .orElseThrow(() -> DoorplateException.notFound("no webhook with id " + id));
    }

    /** Removes an endpoint and its pending deliveries; {@code not_found} for an unknown id. */
    public void delete(long id) {
        if (!run(c -> WebhookStore.delete(c, id))) {
            throw DoorplateException.notFound("no webhook with id " + id);
        }
        LOG.info("webhook removed [id: {}]", id);
    }

    private static void validateUrl(String url) {
        if (url == null || url.length() > MAX_URL) {
            throw DoorplateException.badRequest("url: expected an http or https URL of at most " + MAX_URL
                + " characters");
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw DoorplateException.badRequest("url: expected an http or https URL with a host, found '"
                    + url + "'");
            }
        } catch (URISyntaxException e) {
            throw DoorplateException.badRequest("url: not a valid URL: " + e.getMessage());
        }
    }

    private static String generateSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private <T> T run(AlertService.SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DoorplateException(ErrorStatus.UNAVAILABLE, "the webhook store is unavailable", e);
        }
    }

    /**
     * A webhook just added, with its secret (shown once).
     *
     * @param webhook the endpoint
     * @param secret the HMAC-SHA256 key its deliveries are signed with
     */
    @Serdeable
    public record Created(Webhook webhook, String secret) {
    }
}
