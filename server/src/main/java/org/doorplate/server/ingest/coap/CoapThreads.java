package org.doorplate.server.ingest.coap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The adapter's own threads, so that neither Californium's protocol threads nor the storage
 * writer ever wait for the work done here: answering stored uplinks (which may read a pending
 * command), looking up PSK secrets, and the timer that sends an empty ACK when storage is slow.
 */
@Singleton
final class CoapThreads {
    private final ExecutorService replies;
    private final ExecutorService keyLookups;
    private final ScheduledExecutorService timer;

    CoapThreads(CoapConfiguration settings) {
        this.replies = Executors.newFixedThreadPool(Math.max(1, settings.getReplyThreads()), named("coap-reply"));
        this.keyLookups = Executors.newFixedThreadPool(2, named("coap-psk"));
        ScheduledThreadPoolExecutor ackTimer = new ScheduledThreadPoolExecutor(1, named("coap-ack-timer"));
        // Nearly every timer is cancelled (storage answered first): drop those at once rather
        // than keep thousands of dead tasks queued for a second.
        ackTimer.setRemoveOnCancelPolicy(true);
        this.timer = ackTimer;
    }

    ExecutorService replies() {
        return replies;
    }

    ExecutorService keyLookups() {
        return keyLookups;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    @PreDestroy
    void close() throws InterruptedException {
        timer.shutdownNow();
        keyLookups.shutdown();
        replies.shutdown();
        replies.awaitTermination(5, TimeUnit.SECONDS);
        keyLookups.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
