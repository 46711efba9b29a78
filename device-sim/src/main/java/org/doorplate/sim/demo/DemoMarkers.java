package org.doorplate.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * {@code PUT /api/v1/markers/{number}}. When the registry holds no markers at all, the demo
 * registers a line of its own ({@link #register}).
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
        if (items.isEmpty() && max > 0) {
            return register(api, max, prefix, progress);
        }
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

    /** The demo's own line: west to east across the north of Xincheng district, Hohhot. */
    static final String LINE = "DEMO";
    private static final GeoPoint LINE_WEST = new GeoPoint(40.8600, 111.7000, 1060);
    private static final double SPACING_METRES = 400;

    /**
     * Registers a demo boundary line with {@code count} single markers ({@code DEMO001Q} ...)
     * every 400 m from west to east, each fitted with a newly provisioned device; empty when the
     * registry refuses (the line exists, or the API differs).
     */
    static List<Placed> register(ServerApi api, int count, String prefix, Consumer<String> progress) {
        GeoPoint east = LINE_WEST.move(SPACING_METRES * Math.max(1, count - 1), 90);
        ObjectNode line = JsonNodeFactory.instance.objectNode()
            .put("code", LINE)
            .put("name", "Demo line (fictional): Xincheng / Huimin")
            .put("leftDivision", "150102000000")
            .put("rightDivision", "150103000000");
        line.putArray("course").add(lonLat(LINE_WEST)).add(lonLat(east));
        try {
            api.post("/api/v1/boundary-lines", line, 201, "register the demo boundary line");
        } catch (ServerApiException e) {
            progress.accept("could not register a demo boundary line (" + e.getMessage() + ")");
            return List.of();
        }
        List<Placed> placed = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String number = String.format("%s%03dQ", LINE, i);
            String device = String.format("%s-m-%04d", prefix, i);
            GeoPoint at = LINE_WEST.move(SPACING_METRES * (i - 1), 90);
            DeviceCredentials made = api.createDevice(device, DeviceKind.MARKER);
            api.post("/api/v1/markers", markerInput(number, at, device), 201, "register marker " + number);
            placed.add(new Placed(new DeviceCredentials(device, DeviceKind.MARKER, made.key(), Optional.of(at)),
                number));
        }
        progress.accept("registered the demo boundary line " + LINE + " with " + count + " markers");
        return placed;
    }

    private static ArrayNode lonLat(GeoPoint p) {
        return JsonNodeFactory.instance.arrayNode().add(p.longitude()).add(p.latitude());
    }

    private static ObjectNode markerInput(String number, GeoPoint at, String device) {
        return JsonNodeFactory.instance.objectNode()
            .put("number", number)
            .put("latitude", at.latitude())
            .put("longitude", at.longitude())
            .put("height", at.heightMetres())
            .put("deviceId", device);
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
        ObjectNode input = markerInput(number, position, device);
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
