package org.doorplate.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;

/**
 * The server-wide settings under {@code doorplate.*} that belong to no single integration. Each
 * one is also settable as an environment variable ({@code doorplate.data-dir} is
 * {@code DOORPLATE_DATA_DIR}).
 */
@ConfigurationProperties("doorplate")
public class DoorplateConfiguration {
    private Path dataDir = Path.of(System.getProperty("user.home"), ".doorplate");
    private String publicUrl = "http://localhost:8080";
    private boolean demo;
    @Nullable
    private String masterKey;
    @Nullable
    private String adminPassword;

    /** Directory for the embedded database files and the generated master key. */
    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Base URL printed into QR codes and links, without a trailing slash. */
    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/")
            ? publicUrl.substring(0, publicUrl.length() - 1)
            : publicUrl;
    }

    /** Whether to load the demo gazetteer and devices at start. */
    public boolean isDemo() {
        return demo;
    }

    public void setDemo(boolean demo) {
        this.demo = demo;
    }

    /** 64 hex characters; encrypts device keys and derives the JWT secret. Unset: generated. */
    @Nullable
    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(@Nullable String masterKey) {
        this.masterKey = masterKey;
    }

    /** Password of the {@code admin} account, created on first start when it is absent. */
    @Nullable
    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(@Nullable String adminPassword) {
        this.adminPassword = adminPassword;
    }
}
