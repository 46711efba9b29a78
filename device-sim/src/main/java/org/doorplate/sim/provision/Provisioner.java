package org.doorplate.sim.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.doorplate.protocol.message.DeviceIds;
import org.doorplate.sim.api.ServerApi;

/**
 * Creates simulated devices on the server through its API, named {@code PREFIX-p-0001} for
 * doorplates and {@code PREFIX-m-0001} for markers.
 */
public final class Provisioner {
    private final ServerApi api;
    private final Consumer<String> progress;

    /** @param progress receives a line now and then while many devices are created */
    public Provisioner(ServerApi api, Consumer<String> progress) {
        this.api = api;
        this.progress = progress;
    }

    /**
     * Creates {@code doorplates} doorplates and {@code markers} markers; the server must have
     * been signed in to as an admin.
     *
     * @throws IllegalArgumentException for a prefix that would make invalid ids, or negative counts
     */
    public List<DeviceCredentials> provision(String prefix, int doorplates, int markers) {
        if (doorplates < 0 || markers < 0 || doorplates + markers > 100_000) {
            throw new IllegalArgumentException("device counts: expected 0..100000 in all, found "
                + doorplates + " doorplates and " + markers + " markers");
        }
        DeviceIds.require("prefix", prefix + "-m-000001");
        List<DeviceCredentials> created = new ArrayList<>(doorplates + markers);
        for (int i = 1; i <= doorplates; i++) {
            created.add(api.createDevice(String.format("%s-p-%04d", prefix, i), DeviceKind.DOORPLATE));
            report(created.size(), doorplates + markers);
        }
        for (int i = 1; i <= markers; i++) {
            created.add(api.createDevice(String.format("%s-m-%04d", prefix, i), DeviceKind.MARKER));
            report(created.size(), doorplates + markers);
        }
        return created;
    }

    private void report(int done, int total) {
        if (total >= 100 && (done % 100 == 0 || done == total)) {
            progress.accept("provisioned " + done + " of " + total + " devices");
        }
    }
}
