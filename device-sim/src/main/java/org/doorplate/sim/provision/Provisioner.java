package org.doorplate.sim.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.doorplate.protocol.message.DeviceIds;
import org.doorplate.sim.api.ServerApi;
import org.doorplate.sim.api.ServerApiException;

/**
 * Creates simulated devices on the server through its API, named {@code PREFIX-p-0001} for
 * doorplates and {@code PREFIX-m-0001} for markers.
 */
public final class Provisioner {
    /** From this many devices on, they are created with the bulk import. */
    static final int BULK_FROM = 20;
    private static final int CHUNK = 5000;

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
        List<String> ids = new ArrayList<>(doorplates + markers);
        List<DeviceKind> kinds = new ArrayList<>(doorplates + markers);
        for (int i = 1; i <= doorplates; i++) {
            ids.add(String.format("%s-p-%04d", prefix, i));
            kinds.add(DeviceKind.DOORPLATE);
        }
        for (int i = 1; i <= markers; i++) {
            ids.add(String.format("%s-m-%04d", prefix, i));
            kinds.add(DeviceKind.MARKER);
        }
        if (ids.size() >= BULK_FROM) {
            try {
                return imported(ids, kinds);
            } catch (ServerApiException e) {
                if (e.status() != 404 && e.status() != 405 && e.status() != 415) {
                    throw e;
                }
                progress.accept("the server has no bulk import (" + e.status() + "); creating devices one by one");
            }
        }
        List<DeviceCredentials> created = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            created.add(api.createDevice(ids.get(i), kinds.get(i)));
            report(created.size(), ids.size());
        }
        return created;
    }

    // One import call per chunk: a call is all or nothing, and a huge body risks the server's limit.
    private List<DeviceCredentials> imported(List<String> ids, List<DeviceKind> kinds) {
        List<DeviceCredentials> created = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            int to = Math.min(ids.size(), from + CHUNK);
            created.addAll(api.importDevices(ids.subList(from, to), kinds.subList(from, to)));
            report(created.size(), ids.size());
        }
        return created;
    }

    private void report(int done, int total) {
        if (total >= 100 && (done % 1000 == 0 || done == total)) {
            progress.accept("provisioned " + done + " of " + total + " devices");
        }
    }
}
