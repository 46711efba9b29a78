package org.doorplate.server.security;

import io.micronaut.context.annotation.Context;
import jakarta.inject.Inject;
import org.doorplate.server.config.DoorplateConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit secret from which the server derives its other keys (the JWT signing secret, the
 * key that encrypts device keys at rest): {@code HMAC-SHA256(master, label)}, one label per use.
 * Server instances that share the master key accept each other's tokens and read each other's
 * device keys.
 *
 * <p>It comes from {@code doorplate.master-key} ({@code DOORPLATE_MASTER_KEY}, 64 hex
 * characters). Without it a key is generated once into {@code ${doorplate.data-dir}/master.key}
 * (mode 0600); losing that file makes every stored device key unreadable.
 */
@Context
public final class MasterKey {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
    private static final int LENGTH = 32;

    private final byte[] key;

    @Inject
    MasterKey(DoorplateConfiguration config) {
        this(config.getMasterKey() == null
            ? loadOrGenerate(config.getDataDir().resolve("master.key"))
            : parse(config.getMasterKey(), "doorplate.master-key"));
    }

    /** A master key given as its raw bytes. */
    public MasterKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a master key has " + LENGTH + " bytes, found " + key.length);
        }
        this.key = key.clone();
    }

    /** The 32-byte key for one use, named by a fixed label such as {@code "jwt-signing/v1"}. */
    public byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] parse(String hex, String source) {
        String trimmed = hex.trim().toLowerCase(Locale.ROOT);
        if (!trimmed.matches("[0-9a-f]{" + (2 * LENGTH) + "}")) {
            throw new IllegalStateException(source + " must be " + (2 * LENGTH)
                + " hex characters, found " + trimmed.length() + " characters");
        }
        return HexFormat.of().parseHex(trimmed);
    }

    private static byte[] loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
            byte[] generated = new byte[LENGTH];
            new SecureRandom().nextBytes(generated);
            Files.createDirectories(file.getParent());
            Files.writeString(file, HexFormat.of().formatHex(generated) + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            LOG.warn("no doorplate.master-key configured: generated one into {}. Back it up; without it the"
                + " stored device keys cannot be read. Set DOORPLATE_MASTER_KEY on every server instance.", file);
            return generated;
        } catch (FileAlreadyExistsException e) {
            return loadOrGenerate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }
}
