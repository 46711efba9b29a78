package org.doorplate.server.doorplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: {@code capacity} requests at once, refilled evenly over
 * {@code window}. In memory, so each server instance limits on its own; a flood spread over n
 * instances gets n times the allowance, which still stops a script hammering one plate.
 */
final class RateLimiter {
    /** Past this many keys, buckets that have refilled completely are forgotten. */
    private static final int SWEEP_AT = 50_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int capacity;
    private final double millisPerToken;
    private final Clock clock;

    RateLimiter(int capacity, Duration window, Clock clock) {
        this.capacity = capacity;
        this.millisPerToken = (double) window.toMillis() / capacity;
        this.clock = clock;
    }

    /** Takes a token for the key; empty when allowed, else how long to wait. */
    Optional<Duration> acquire(String key) {
        long now = clock.millis();
        if (buckets.size() > SWEEP_AT) {
            buckets.values().removeIf(b -> b.full(now));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            long wait = (long) Math.ceil((1 - bucket.tokens) * millisPerToken);
            return Optional.of(Duration.ofMillis(Math.max(wait, 1000)));
        }
    }

    /** Gives back a token taken by {@link #acquire} when another limit refused the request. */
    void release(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            synchronized (bucket) {
                bucket.tokens = Math.min(capacity, bucket.tokens + 1);
            }
        }
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;

        private Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }

        private void refill(long now) {
            if (now > updatedAt) {
                tokens = Math.min(capacity, tokens + (now - updatedAt) / millisPerToken);
                updatedAt = now;
            }
        }

        private synchronized boolean full(long now) {
            return tokens + (now - updatedAt) / millisPerToken >= capacity;
        }
    }
}
