package org.doorplate.server.ingest;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.doorplate.protocol.auth.ReplayVerdict;
import org.doorplate.protocol.auth.ReplayWindow;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.ReadingBatch;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.server.telemetry.DeviceStates;

/**
 * One replay window per device, created on the device's first uplink since start and seeded
 * with the highest sequence number stored for it (so a restart neither forgets what it stored
 * nor trusts more than that). Each window is guarded by its own lock.
 */
@Singleton
final class ReplayWindows {
    private final Map<String, ReplayWindow> windows = new ConcurrentHashMap<>();
    private final DeviceStates states;
    private final int width;

    ReplayWindows(DeviceStates states, IngestConfiguration config) {
        this.states = states;
        this.width = config.getReplayWindow();
    }

    /** Classifies an uplink's sequence number without changing the window. */
    ReplayVerdict check(Uplink uplink) {
        ReplayWindow window = window(uplink.deviceId());
        synchronized (window) {
            return window.check(uplink.seq());
        }
    }

    /** Records a stored uplink (and a batch's entries), after its commit. */
    void accepted(Uplink uplink) {
        ReplayWindow window = window(uplink.deviceId());
        synchronized (window) {
            if (uplink instanceof ReadingBatch batch) {
                for (BatchEntry entry : batch.entries()) {
                    window.accept(entry.seq());
                }
            }
            window.accept(uplink.seq());
        }
    }

    /** Forgets a device's window (its key changed, or it was re-provisioned and counts from 0 again). */
    void forget(String deviceId) {
        windows.remove(deviceId);
    }

    private ReplayWindow window(String deviceId) {
        ReplayWindow window = windows.get(deviceId);
        if (window != null) {
            return window;
        }
        // Read outside computeIfAbsent: it may hit the database, which must not run under the map's lock.
        ReplayWindow seeded = states.find(deviceId)
            .map(state -> ReplayWindow.seeded(state.lastSeq(), width))
            .orElseGet(() -> new ReplayWindow(width));
        ReplayWindow raced = windows.putIfAbsent(deviceId, seeded);
        return raced == null ? seeded : raced;
    }
}
