package org.doorplate.sim;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Running counts of a fleet's deliveries. Thread-safe. */
public final class FleetStats implements Consumer<Delivery> {
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong buffered = new AtomicLong();

    @Override
    public void accept(Delivery delivery) {
        switch (delivery.status()) {
            case ACKNOWLEDGED -> acknowledged.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
            case BUFFERED -> buffered.incrementAndGet();
            default -> throw new IllegalStateException("unknown status " + delivery.status());
        }
    }

    /** Messages handed to a transport: acknowledged, rejected or failed. */
    public long sent() {
        return acknowledged.get() + rejected.get() + failed.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Messages kept in a device buffer while offline. */
    public long buffered() {
        return buffered.get();
    }

    @Override
    public String toString() {
        return "sent " + sent() + ", acknowledged " + acknowledged() + ", rejected " + rejected() + ", failed "
            + failed() + ", buffered " + buffered();
    }
}
