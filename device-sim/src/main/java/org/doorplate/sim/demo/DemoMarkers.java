package org.doorplate.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.doorplate.protocol.message.DeviceIds;
import org.doorplate.sim.api.ServerApi;
import org.doorplate.sim.api.ServerApiException;
import org.doorplate.sim.model.GeoPoint;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;

/**
 * Takes over the boundary markers the server's demo data defines, so that the simulated
 * markers stand where the gazetteer says and the detectors compare against their surveyed
 * reference positions. Their keys were shown once, at creation, to nobody; the demo rotates
 * each key to learn a fresh one.
 */
final class DemoMarkers {
    private DemoMarkers() {
    }

    /**
     * Up to {@code max} demo markers with a device id, with fresh keys; empty when the server
     * lists no markers (the endpoint is missing or the demo data has none with devices).
     */
    static List<DeviceCredentials> adopt(ServerApi api, int max, Consumer<String> progress) {
        JsonNode listed;
        try {
            listed = api.get("/api/v1/markers?limit=" + max, "list markers");
        } catch (ServerApiException e) {
            if (e.status() == 404) {
                progress.accept("the server lists no markers (404); provisioning new ones");
                return List.of();
            }
            throw e;
        }
        JsonNode items = listed.isArray() ? listed : listed.path("items");
        List<DeviceCredentials> adopted = new ArrayList<>();
        for (JsonNode marker : items) {
            String device = DemoCommand.text(marker, "deviceId", "device_id", "device");
            if (device == null || !DeviceIds.isValid(device) || adopted.size() == max) {
                continue;
            }
            JsonNode key = api.post("/api/v1/devices/" + device + "/key", null, 200, "rotate the key of " + device);
            String hex = DemoCommand.text(key, "key");
            if (hex == null) {
                throw new ServerApiException(200, "rotate the key of " + device + ": the answer has no key");
            }
            adopted.add(new DeviceCredentials(device, DeviceKind.MARKER, DeviceCredentials.parseKey(hex),
                position(marker)));
        }
        if (!adopted.isEmpty()) {
            progress.accept("took over " + adopted.size() + " markers of the demo data");
        }
        return adopted;
    }

    private static Optional<GeoPoint> position(JsonNode marker) {
        JsonNode p = marker.has("reference") ? marker.get("reference") : marker;
        String lat = DemoCommand.text(p, "lat", "latitude");
        String lon = DemoCommand.text(p, "lon", "longitude");
        if (lat == null || lon == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GeoPoint(Double.parseDouble(lat), Double.parseDouble(lon), 0));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
