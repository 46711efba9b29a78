package org.doorplate.server.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.security.authentication.Authentication;

import java.security.Principal;

/**
 * {@code GET /health} for everyone, with the details of each indicator (which may name hosts or
 * carry driver messages) only for admins: the stock endpoint can show them to anonymous callers,
 * to every signed-in user or to nobody, but not to one role.
 */
@Endpoint(id = HealthEndpoint.NAME, defaultSensitive = HealthEndpoint.DEFAULT_SENSITIVE)
@Replaces(HealthEndpoint.class)
public class AdminDetailsHealthEndpoint extends HealthEndpoint {
    AdminDetailsHealthEndpoint(HealthAggregator<HealthResult> aggregator, HealthIndicator[] indicators,
                               @Liveness HealthIndicator[] livenessIndicators) {
        super(aggregator, indicators, livenessIndicators);
    }

    @Override
    protected HealthLevelOfDetail levelOfDetail(@Nullable Principal principal) {
        if (principal instanceof Authentication authentication && authentication.getRoles().contains(Roles.ADMIN)) {
            return HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS;
        }
        return HealthLevelOfDetail.STATUS;
    }
}
