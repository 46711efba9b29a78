package org.doorplate.server.device;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** The device registry's settings ({@code doorplate.devices.*}). */
@ConfigurationProperties("doorplate.devices")
public class DeviceConfiguration {
    private int cacheSize = 100_000;
    private Duration cacheTtl = Duration.ofMinutes(1);
    private int maxImportRows = 50_000;

    /** Most devices kept in the lookup cache. */
    public int getCacheSize() {
        return cacheSize;
    }

    public void setCacheSize(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    /** How long a cached lookup is trusted; bounds how late a change on another instance is seen. */
    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    /** Most rows one CSV import may hold. */
    public int getMaxImportRows() {
        return maxImportRows;
    }

    public void setMaxImportRows(int maxImportRows) {
        this.maxImportRows = maxImportRows;
    }
}
