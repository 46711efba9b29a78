package org.doorplate.server.doorplate;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings of the scan page, its cache and the scan log ({@code doorplate.scan.*}). */
@ConfigurationProperties("doorplate.scan")
public class ScanConfiguration {
    private Duration maxAge = Duration.ofMinutes(5);
    private int cacheEntries = 20_000;
    private int nearbyRadiusMetres = 1500;
    private int nearbyLimit = 6;
    private int queueCapacity = 100_000;
    private int batchSize = 2_000;
    private Duration flushInterval = Duration.ofMillis(500);

    /** How long browsers and shared caches may keep an anonymous page ({@code max-age}). */
    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    /** How many rendered anonymous pages (code, language, representation) the server keeps. */
    public int getCacheEntries() {
        return cacheEntries;
    }

    public void setCacheEntries(int cacheEntries) {
        this.cacheEntries = cacheEntries;
    }

    /** How far from a plate a public service may be to appear on its page, in metres. */
    public int getNearbyRadiusMetres() {
        return nearbyRadiusMetres;
    }

    public void setNearbyRadiusMetres(int nearbyRadiusMetres) {
        this.nearbyRadiusMetres = nearbyRadiusMetres;
    }

    /** At most this many nearby public services on a page. */
    public int getNearbyLimit() {
        return nearbyLimit;
    }

    public void setNearbyLimit(int nearbyLimit) {
        this.nearbyLimit = nearbyLimit;
    }

    /** Scans waiting to be written; when full, further scans are counted as dropped. */
    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /** At most this many scans per insert. */
    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /** How long a scan may wait in the queue before its batch is written. */
    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }
}
