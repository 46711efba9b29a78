package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.doorplate.server.gazetteer.GazetteerChanged;

/**
 * Rendered anonymous scan responses by (code, language, representation). It never holds
 * household data: only {@link Rendered#cacheable()} renderings, which are built without any,
 * are put here.
 *
 * <p>Any change to plates or to the gazetteer empties it: a rename touches every plate of a
 * road, and changes are rare next to scans. Entries also expire after {@code max-age}, which
 * bounds how stale another server instance's cache can be, since events stay in one process.
 * When full, an arbitrary entry makes room: the hot set of a district fits many times over.
 */
@Singleton
public class PageCache {
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final int capacity;
    private final long maxAgeMillis;
    private final Clock clock;

    public PageCache(ScanConfiguration configuration, Clock clock) {
        this.capacity = configuration.getCacheEntries();
        this.maxAgeMillis = configuration.getMaxAge().toMillis();
        this.clock = clock;
    }

    @Nullable
    public Rendered get(String code, Language language, Negotiation.Kind kind) {
        Entry entry = entries.get(key(code, language, kind));
        if (entry == null || clock.millis() - entry.storedAt() > maxAgeMillis) {
            return null;
        }
        return entry.rendered();
    }

    /**
     * The current generation; take it before loading what a page is rendered from and pass it
     * to {@link #put}, so that a page built from data changed meanwhile is not kept.
     */
    public long generation() {
        return generation.get();
    }

    public void put(String code, Language language, Negotiation.Kind kind, Rendered rendered, long loadedAt) {
        if (!rendered.cacheable() || loadedAt != generation.get()) {
            return;
        }
        if (entries.size() >= capacity) {
            Iterator<String> any = entries.keySet().iterator();
            if (any.hasNext()) {
                entries.remove(any.next());
            }
        }
        entries.put(key(code, language, kind), new Entry(rendered, clock.millis()));
    }

    public int size() {
        return entries.size();
    }

    @EventListener
    void onPlateChanged(DoorplateChanged changed) {
        clear();
    }

    @EventListener
    void onGazetteerChanged(GazetteerChanged changed) {
        clear();
    }

    private void clear() {
        generation.incrementAndGet();
        entries.clear();
    }

    private static String key(String code, Language language, Negotiation.Kind kind) {
        // JSON and the link set name both languages, so one rendering serves every language.
        Language keyed = kind == Negotiation.Kind.HTML ? language : Language.ZH;
        return code + '/' + keyed.ordinal() + '/' + kind.ordinal();
    }

    private record Entry(Rendered rendered, long storedAt) {
    }
}
