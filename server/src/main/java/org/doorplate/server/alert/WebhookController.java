package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.doorplate.server.security.Roles;

/** Admin API of the webhook endpoints that receive alert events. */
@Controller("/api/v1/webhooks")
@Secured(Roles.ADMIN)
public class WebhookController {
    private final Webhooks webhooks;

    public WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** Adds an endpoint; the answer holds its signing secret, shown this once. */
    @Post
    @Status(HttpStatus.CREATED)
    Webhooks.Created create(@Body NewWebhook body) {
        return webhooks.create(body.url(), body.secret(), body.areaPrefix(), body.audience());
    }

    @Get
    List<Webhook> list() {
        return webhooks.list();
    }

    /** How deliveries to one endpoint stand: delivered, pending, failed, the latest error. */
    @Get("/{id}/status")
    WebhookStatus status(@PathVariable long id) {
        return webhooks.status(id);
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(@PathVariable long id) {
        webhooks.delete(id);
        return HttpResponse.noContent();
    }

    /**
     * A new endpoint.
     *
     * @param url where to post (http or https)
     * @param secret the signing secret, at least 16 characters; null to have one generated
     * @param areaPrefix only alerts whose area code starts with these digits; null for all
     * @param audience {@code crew} (every event, the default) or {@code supervisor} (escalated
     *     alerts only)
     */
    @Serdeable
    record NewWebhook(String url, @Nullable String secret, @Nullable String areaPrefix, @Nullable String audience) {
    }
}
