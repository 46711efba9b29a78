package org.doorplate.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.doorplate.sim.provision.CredentialsFile;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;
import org.doorplate.sim.verify.StoredSequences;

/**
 * The calls the simulator makes on the server's HTTP API. Blocking; safe to share between
 * threads once signed in.
 */
public final class ServerApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private volatile String token;

    /** An API client for the server at {@code base}, e.g. {@code http://127.0.0.1:8080}. */
    public ServerApi(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    /** Whether {@code GET /health} answers 200 right now. */
    public boolean healthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(3))
                .GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Signs in with {@code POST /login}; later calls carry the bearer token. */
    public void login(String username, String password) {
        ObjectNode body = json.createObjectNode().put("username", username).put("password", password);
        JsonNode answer = call("POST", "/login", body, 200, "sign in as " + username);
        JsonNode accessToken = answer.get("access_token");
        if (accessToken == null || !accessToken.isTextual()) {
            throw new ServerApiException(200, "sign in as " + username + ": the answer has no access_token");
        }
        token = accessToken.asText();
    }

    /** Creates a device with {@code POST /api/v1/devices}; the answer holds its key, shown only once. */
    public DeviceCredentials createDevice(String id, DeviceKind kind) {
        ObjectNode body = json.createObjectNode().put("id", id).put("kind", kind.apiName());
        JsonNode answer = call("POST", "/api/v1/devices", body, 201, "create device " + id);
        JsonNode key = answer.get("key");
        if (key == null || !key.isTextual()) {
            throw new ServerApiException(201, "create device " + id + ": the answer has no key");
        }
        return new DeviceCredentials(id, kind, DeviceCredentials.parseKey(key.asText()));
    }

    /**
     * Creates many devices in one call, {@code POST /api/v1/devices/import} (all or nothing);
     * the answer is CSV {@code id,kind,key}.
     */
    public List<DeviceCredentials> importDevices(List<String> ids, List<DeviceKind> kinds) {
        StringBuilder csv = new StringBuilder("id,kind\n");
        for (int i = 0; i < ids.size(); i++) {
            csv.append(ids.get(i)).append(',').append(kinds.get(i).apiName()).append('\n');
        }
        String what = "import " + ids.size() + " devices";
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/devices/import"))
            .timeout(TIMEOUT.multipliedBy(4)).header("Accept", "text/csv").header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build(), what);
        if (response.statusCode() != 201) {
            throw new ServerApiException(response.statusCode(), what + ": "
                + explain("POST", "/api/v1/devices/import", response));
        }
        try {
            return CredentialsFile.read("the import answer", new StringReader(response.body()));
        } catch (IOException | CredentialsFile.BadCredentialsException e) {
            throw new ServerApiException(201, what + ": the answer is not CSV id,kind,key: " + e.getMessage());
        }
    }

    /** The codes of up to {@code limit} doorplates, from {@code GET /api/v1/doorplates?limit=N}. */
    public List<String> doorplateCodes(int limit) {
        JsonNode answer = call("GET", "/api/v1/doorplates?limit=" + limit, null, 200, "list doorplates");
        List<String> codes = new ArrayList<>();
        JsonNode items = answer.isArray() ? answer : firstArray(answer);
        if (items != null) {
            for (JsonNode plate : items) {
                JsonNode code = plate.get("code");
                if (code != null && code.isTextual()) {
                    codes.add(code.asText());
                }
            }
        }
        return codes;
    }

    /** What the server stored for {@code device} between {@code from} and {@code to}. */
    public StoredSequences sequences(String device, Instant from, Instant to) {
        String path = "/api/v1/devices/" + encode(device) + "/sequences?from=" + encode(from.toString())
            + "&to=" + encode(to.toString());
        JsonNode answer = call("GET", path, null, 200, "read stored sequences of " + device);
        if (!answer.path("sequences").isArray() || !answer.path("duplicates").isArray()) {
            throw new ServerApiException(200, "read stored sequences of " + device
                + ": expected the lists 'sequences' and 'duplicates' in the answer");
        }
        return new StoredSequences(device, longs(answer.get("sequences")), longs(answer.get("duplicates")));
    }

    /** Issues a raw GET on {@code path} and returns the JSON answer, for calls not covered above. */
    public JsonNode get(String path, String what) {
        return call("GET", path, null, 200, what);
    }

    /** Issues a raw POST of {@code body} (may be null) and returns the JSON answer. */
    public JsonNode post(String path, JsonNode body, int expectedStatus, String what) {
        return call("POST", path, body, expectedStatus, what);
    }

    /** Issues a PUT of {@code body} expecting 200 and returns the JSON answer. */
    public JsonNode put(String path, JsonNode body, String what) {
        return call("PUT", path, body, 200, what);
    }

    private JsonNode call(String method, String path, JsonNode body, int expected, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
            .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = send(request.build(), what);
        if (response.statusCode() != expected) {
            throw new ServerApiException(response.statusCode(), what + ": " + explain(method, path, response));
        }
        return parse(response.body(), what);
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ServerApiException(what + ": cannot reach the server at " + base + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerApiException(what + ": interrupted", e);
        }
    }

    private String explain(String method, String path, HttpResponse<String> response) {
        String serverSays = errorMessage(response.body()).map(m -> ": " + m).orElse("");
        return switch (response.statusCode()) {
            case 401 -> "the server refused the credentials (401)" + serverSays;
            case 403 -> "the account lacks the role for " + method + " " + path + " (403)" + serverSays;
            case 404, 405 -> "the server answered " + response.statusCode() + " for " + method + " " + path
                + serverSays + " (a server without this endpoint is older than this simulator)";
            case 409 -> "conflict (409)" + serverSays;
            default -> "the server answered " + response.statusCode() + serverSays;
        };
    }

    private Optional<String> errorMessage(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return Optional.of(node.get("message").asText());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private JsonNode parse(String body, String what) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ServerApiException(200, what + ": the answer is not JSON");
        }
    }

    private static JsonNode firstArray(JsonNode object) {
        for (JsonNode child : object) {
            if (child.isArray()) {
                return child;
            }
        }
        return null;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        for (JsonNode n : array) {
            values.add(n.asLong());
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
