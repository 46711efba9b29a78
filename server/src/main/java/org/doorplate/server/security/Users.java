package org.doorplate.server.security;

import jakarta.inject.Singleton;
import org.doorplate.server.error.DoorplateException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The accounts in the {@code users} table: creation, listing and password checks. */
@Singleton
public class Users {
    /** The roles that exist, in the order they are listed. */
    public static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.OFFICER, Roles.CREW);

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._@-]{1,64}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 256;
    private static final String COLUMNS = "username, roles, created_at";

    private final DataSource dataSource;
    private final SecurityConfiguration config;
    /** Checked against when the user is unknown, so both failures take the same time. */
    private final PasswordHash decoy;

    Users(DataSource dataSource, SecurityConfiguration config) {
        this.dataSource = dataSource;
        this.config = config;
        this.decoy = PasswordHash.of("decoy password", config.getPasswordIterations());
    }

    /**
     * Creates an account.
     *
     * @throws DoorplateException BAD_REQUEST for a bad name, password or role; CONFLICT when the
     *                            name is taken
     */
    public User create(String username, String password, Collection<String> roles) {
        String name = normalise(username);
        checkPassword(password);
        List<String> granted = checkRoles(roles);
        PasswordHash hash = PasswordHash.of(password, config.getPasswordIterations());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO users (username, password_hash, password_salt, password_iterations, roles)"
                     + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING " + COLUMNS)) {
            insert.setString(1, name);
            insert.setBytes(2, hash.hash());
            insert.setBytes(3, hash.salt());
            insert.setInt(4, hash.iterations());
            insert.setArray(5, connection.createArrayOf("text", granted.toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                if (!rows.next()) {
                    throw DoorplateException.conflict("the user " + name + " exists already");
                }
                return user(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the user " + name, e);
        }
    }

    /** The account with this name, if there is one. */
    public Optional<User> find(String username) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT " + COLUMNS + " FROM users WHERE username = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(user(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the user " + name, e);
        }
    }

    /** Every account, by name. */
    public List<User> list() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT " + COLUMNS + " FROM users ORDER BY username");
             ResultSet rows = select.executeQuery()) {
            List<User> users = new ArrayList<>();
            while (rows.next()) {
                users.add(user(rows));
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the users", e);
        }
    }

    /** The account when the name and password match one; empty for any mismatch. */
    public Optional<User> authenticate(String username, String password) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (password == null || password.length() > MAX_PASSWORD) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT " + COLUMNS + ", password_hash, password_salt, password_iterations"
                     + " FROM users WHERE username = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    decoy.matches(password);
                    return Optional.empty();
                }
                PasswordHash stored = new PasswordHash(rows.getBytes("password_hash"),
                    rows.getBytes("password_salt"), rows.getInt("password_iterations"));
                return stored.matches(password) ? Optional.of(user(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the password of " + name, e);
        }
    }

    private static String normalise(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw DoorplateException.badRequest("a username is 1 to 64 of a-z, 0-9, '.', '_', '@' and '-';"
                + " found '" + (username == null ? "" : username) + "'");
        }
        return name;
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw DoorplateException.badRequest("a password has " + MIN_PASSWORD + " to " + MAX_PASSWORD
                + " characters; found " + (password == null ? 0 : password.length()));
        }
    }

    private static List<String> checkRoles(Collection<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw DoorplateException.badRequest("a user needs at least one role of " + new TreeSet<>(ROLES));
        }
        TreeSet<String> granted = new TreeSet<>();
        for (String role : roles) {
            if (role == null || !ROLES.contains(role)) {
                throw DoorplateException.badRequest("unknown role '" + role + "'; roles are " + new TreeSet<>(ROLES));
            }
            granted.add(role);
        }
        return List.copyOf(granted);
    }

    private static User user(ResultSet rows) throws SQLException {
        Array roles = rows.getArray("roles");
        List<String> names = List.of((String[]) roles.getArray());
        return new User(rows.getString("username"), names,
            rows.getTimestamp("created_at").toInstant());
    }
}
