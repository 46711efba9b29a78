package org.doorplate.server.security;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.doorplate.server.config.DoorplateConfiguration;
import org.doorplate.server.error.DoorplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Creates the account {@code admin} at start from {@code DOORPLATE_ADMIN_PASSWORD} when it does
 * not exist yet. An existing admin keeps its password: the variable is for the first start only.
 */
@Singleton
class AdminAccount implements ApplicationEventListener<StartupEvent> {
    static final String USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccount.class);

    private final DoorplateConfiguration config;
    private final Users users;

    AdminAccount(DoorplateConfiguration config, Users users) {
        this.config = config;
        this.users = users;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        String password = config.getAdminPassword();
        if (password == null || password.isEmpty()) {
            if (users.list().isEmpty()) {
                LOG.warn("there are no users; set DOORPLATE_ADMIN_PASSWORD to create the account 'admin'");
            }
            return;
        }
        if (users.find(USERNAME).isPresent()) {
            return;
        }
        try {
            users.create(USERNAME, password, List.of(Roles.ADMIN));
            LOG.info("created the account 'admin' from DOORPLATE_ADMIN_PASSWORD");
        } catch (DoorplateException e) {
            throw new IllegalStateException("cannot create the account 'admin' from DOORPLATE_ADMIN_PASSWORD: "
                + e.getMessage(), e);
        }
    }
}
