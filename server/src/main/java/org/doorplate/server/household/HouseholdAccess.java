package org.doorplate.server.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.doorplate.server.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way household data leaves the server: it checks the caller's role, writes the audit
 * row (and commits it) first, and only then reads the households. Anyone without the role gets
 * nothing, in every representation.
 */
@Singleton
public class HouseholdAccess {
    private static final Logger LOG = LoggerFactory.getLogger(HouseholdAccess.class);

    private final Households households;

    public HouseholdAccess(Households households) {
        this.households = households;
    }

    /** True when the caller may see household data: an officer or an admin. */
    public static boolean mayView(@Nullable Authentication caller) {
        if (caller == null) {
            return false;
        }
        Collection<String> roles = caller.getRoles();
        return roles.contains(Roles.OFFICER) || roles.contains(Roles.ADMIN);
    }

    /**
     * The households behind a plate for a caller who may see them, after the audit row is
     * committed; empty for anyone else (and nothing is read or written then).
     */
    public Optional<List<Household>> view(@Nullable Authentication caller, String plateCode,
                                          Representation representation, @Nullable String clientAddress) {
        if (!mayView(caller)) {
            return Optional.empty();
        }
        households.audit(caller.getName(), plateCode, representation, clientAddress);
        LOG.debug("household view [user: {}, plate: {}, as: {}]", caller.getName(), plateCode,
                representation.wireName());
        return Optional.of(households.read(plateCode));
    }
}
