package org.doorplate.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Puts the simulated markers on the boundary markers the server's demo data registers, so that
 * they stand at the surveyed reference positions the displacement detector compares against.
 *
 * <p>A registered marker with a device id is taken over: its key was shown once, at creation,
 * to nobody, so the demo rotates it ({@code POST /api/v1/devices/{id}/rotate-key}) to learn a
 * fresh one. A registered marker without a device gets a newly provisioned one, fitted with
 * {@code PUT /api/v1/markers/{number}}.
 */
final class DemoMarkers {
    private DemoMarkers() {
    }

    /** A simulated marker placed on a registered one. */
    record Placed(DeviceCredentials device, String number) {
    }

    /**
     * Up to {@code max} registered markers with devices; empty when the server has no marker
     * registry (404) or no markers.
     *
     * @param prefix the id prefix for devices provisioned for markers without one
     */
    static List<Placed> place(ServerApi api, int max, String prefix, Consumer<String> progress) {
        JsonNode listed;
        try {
            listed = api.get("/api/v1/markers", "list markers");
        } catch (ServerApiException e) {
            if (e.status() == 404) {
                progress.accept("the server has no marker registry (404); the markers will be free-standing");
                return List.of();
            }
            throw e;
        }
        JsonNode items = listed.isArray() ? listed : listed.path("items");
        List<Placed> placed = new ArrayList<>();
        for (JsonNode marker : items) {
            if (placed.size() == max) {
                break;
            }
            String number = DemoCommand.text(marker, "number");
            Optional<GeoPoint> position = position(marker);
            if (number == null || position.isEmpty()) {
                continue;
            }
            String device = DemoCommand.text(marker, "deviceId");
            DeviceCredentials credentials = device != null && DeviceIds.isValid(device)
                ? takeOver(api, device, position.get())
                : fit(api, marker, number, String.format("%s-m-%04d", prefix, placed.size() + 1), position.get());
            placed.add(new Placed(credentials, number));
        }
        if (!placed.isEmpty()) {
            progress.accept("placed " + placed.size() + " simulated markers on registered boundary markers");
        }
        return placed;
    }

    private static DeviceCredentials takeOver(ServerApi api, String device, GeoPoint position) {
        JsonNode key = api.post("/api/v1/devices/" + device + "/rotate-key", null, 200, "rotate the key of " + device);
        String hex = DemoCommand.text(key, "key");
        if (hex == null) {
            throw new ServerApiException(200, "rotate the key of " + device + ": the answer has no key");
        }
        return new DeviceCredentials(device, DeviceKind.MARKER, DeviceCredentials.parseKey(hex), Optional.of(position));
    }

    private static DeviceCredentials fit(ServerApi api, JsonNode marker, String number, String device,
            GeoPoint position) {
        DeviceCredentials made = api.createDevice(device, DeviceKind.MARKER);
        ObjectNode input = JsonNodeFactory.instance.objectNode()
            .put("number", number)
            .put("latitude", position.latitude())
            .put("longitude", position.longitude())
            .put("height", position.heightMetres())
            .put("deviceId", device);
        String notes = DemoCommand.text(marker, "notes");
        if (notes != null) {
            input.put("notes", notes);
        }
        api.put("/api/v1/markers/" + number, input, "fit device " + device + " to marker " + number);
        return new DeviceCredentials(device, DeviceKind.MARKER, made.key(), Optional.of(position));
    }

    private static Optional<GeoPoint> position(JsonNode marker) {
        String lat = DemoCommand.text(marker, "latitude", "lat");
        String lon = DemoCommand.text(marker, "longitude", "lon");
        String height = DemoCommand.text(marker, "height");
        if (lat == null || lon == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GeoPoint(Double.parseDouble(lat), Double.parseDouble(lon),
                height == null ? 0 : Double.parseDouble(height)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
