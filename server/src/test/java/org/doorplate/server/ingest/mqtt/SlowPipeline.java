package org.doorplate.server.ingest.mqtt;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.doorplate.server.ingest.IngestOutcome;
import org.doorplate.server.ingest.RawUplink;
import org.doorplate.server.ingest.UplinkPipeline;

/**
 * A pipeline that stores nothing and answers every uplink Stored five milliseconds later, like
 * a database a little slower than the stream, counting the most uplinks it held at once. Used
 * when a test sets {@code test.pipeline=slow}.
 */
@Singleton
@Replaces(UplinkPipeline.class)
@Requires(property = "test.pipeline", value = "slow")
public class SlowPipeline implements UplinkPipeline {
    private static final long ANSWER_DELAY_MILLIS = 5;

    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger mostHeld = new AtomicInteger();
    private final AtomicInteger submitted = new AtomicInteger();

    @Override
    public CompletionStage<IngestOutcome> submit(RawUplink uplink) {
        submitted.incrementAndGet();
        mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
        CompletableFuture<IngestOutcome> answer = new CompletableFuture<>();
        answers.schedule(() -> {
            held.decrementAndGet();
            answer.complete(new IngestOutcome.Stored());
        }, ANSWER_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        return answer;
    }

    /** Uplinks submitted so far. */
    int submitted() {
        return submitted.get();
    }

    /** The most uplinks submitted and not yet answered at one time. */
    int mostHeld() {
        return mostHeld.get();
    }

    @PreDestroy
    void close() {
        answers.shutdownNow();
    }
}
