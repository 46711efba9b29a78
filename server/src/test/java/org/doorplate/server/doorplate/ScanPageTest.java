package org.doorplate.server.doorplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.doorplate.server.gazetteer.Gazetteer;
import org.doorplate.server.gazetteer.PlaceInput;
import org.doorplate.server.gazetteer.RenameRequest;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies the scan landing {@code GET /q/{code}} on the demo data: the page, its JSON and link
 * set, caching headers, and the answers for unknown, malformed, retired and renamed plates.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ScanPageTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Doorplates doorplates;

    @Inject
    Gazetteer gazetteer;

    @Inject
    JsonMapper json;

    @Inject
    EmbeddedServer server;

    @Inject
    CachedScanFilter cachedScans;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.demo", "true");
        return properties;
    }

    @Test
    void pageShowsTheAddressNamesServicesEmergencyNumbersAndReportForm() {
        // GIVEN a demo plate on 新华大街
        Doorplate plate = demoPlate("150102R001");

        // WHEN a phone opens its code
        HttpResponse<String> response = get(plate.code(), r -> r.accept("text/html"));
        String page = response.body();

        // THEN the page has the address in all recorded scripts, the services and the form
        assertEquals(200, response.code());
        assertTrue(response.header(HttpHeaders.CONTENT_TYPE).startsWith("text/html"));
        assertTrue(page.contains("内蒙古自治区呼和浩特市新城区新华大街" + plate.number() + "号"), page);
        assertTrue(page.contains("XINHUA DAJIE"));
        assertTrue(page.contains("ᠰᠢᠨᠬᠤᠸᠠ"));
        assertTrue(page.contains("历史沿革"));
        assertTrue(page.contains("新华社区"));
        for (String number : List.of("tel:110", "tel:119", "tel:120", "tel:122")) {
            assertTrue(page.contains(number), number);
        }
        assertTrue(page.contains("<form method=\"post\" action=\"/q/" + plate.code() + "/report\">"));
        assertFalse(page.contains("<script"));
    }

    @Test
    void pageWithEverythingItLoadsStaysUnder30Kilobytes() {
        // GIVEN the demo plate whose page is longest (most services nearby, longest history)
        int largest = 0;
        for (Doorplate plate : doorplates.list(null, 300, 0)) {
            // WHEN each page is fetched
            String page = get(plate.code(), r -> r.accept("text/html")).body();

            // THEN it loads nothing else (no stylesheet, script, image or font) and is small
            assertFalse(page.contains("<link") || page.contains("<script") || page.contains("<img")
                    || page.contains("url("), plate.code());
            largest = Math.max(largest, page.getBytes(StandardCharsets.UTF_8).length);
        }
        assertTrue(largest > 2000, "pages are not empty: " + largest);
        assertTrue(largest < 30 * 1024, "largest page: " + largest + " bytes");
    }

    @Test
    void englishPageUsesPinyinAndEnglishLabels() {
        Doorplate plate = demoPlate("150102R002");

        HttpResponse<String> response = get(plate.code(), r -> r.header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en"));

        assertEquals("en", response.header(HttpHeaders.CONTENT_LANGUAGE));
        assertTrue(response.body().contains("<html lang=\"en\">"));
        assertTrue(response.body().contains("<h1>Hailaer Donglu</h1>"));
        assertTrue(response.body().contains("Emergency numbers"));
        assertTrue(response.body().contains(plate.number() + " Hailaer Donglu, Xincheng Qu, Hohhot Shi"));
    }

    @Test
    void jsonRepresentationCarriesTheSameFacts() throws IOException {
        Doorplate plate = demoPlate("150102R003");

        HttpResponse<String> response = get(plate.code(), r -> r.accept("application/json"));
        Map<String, Object> document = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));

        assertTrue(response.header(HttpHeaders.CONTENT_TYPE).startsWith("application/json"));
        assertEquals(plate.code(), document.get("code"));
        Map<?, ?> road = (Map<?, ?>) document.get("road");
        assertEquals("兴安北路", road.get("name"));
        assertEquals("Xing'an Beilu", road.get("pinyin"));
        assertNotNull(road.get("mongolianName"));
        assertEquals(4, ((List<?>) document.get("emergency")).size());
        assertFalse(document.containsKey("households"));
    }

    @Test
    void linkSetNamesThePageTheJsonAndTheReportForm() throws IOException {
        Doorplate plate = demoPlate("150102R004");

        HttpResponse<String> response = get(plate.code(), r -> r.accept("application/linkset+json"));
        Map<String, Object> document = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));

        assertEquals("application/linkset+json", response.header(HttpHeaders.CONTENT_TYPE));
        Map<?, ?> context = (Map<?, ?>) ((List<?>) document.get("linkset")).get(0);
        assertEquals(plate.url(), context.get("anchor"));
        List<?> alternates = (List<?>) context.get("alternate");
        assertTrue(alternates.stream().anyMatch(a -> "application/json".equals(((Map<?, ?>) a).get("type"))));
        assertTrue(alternates.stream().anyMatch(a -> "text/html".equals(((Map<?, ?>) a).get("type"))));
        Map<?, ?> form = (Map<?, ?>) ((List<?>) context.get("create-form")).get(0);
        assertEquals(plate.url() + "/report", form.get("href"));
        assertFalse(response.body().contains("households"));
    }

    @Test
    void repeatedScanWithTheEntityTagIsAnswered304() {
        // GIVEN a page fetched once, with its ETag and cache headers
        Doorplate plate = demoPlate("150102R005");
        HttpResponse<String> first = get(plate.code(), r -> { });
        String etag = first.header(HttpHeaders.ETAG);
        assertNotNull(etag);
        assertTrue(first.header(HttpHeaders.CACHE_CONTROL).startsWith("public, max-age="));
        assertTrue(first.header(HttpHeaders.VARY).contains("Accept-Language"));

        // WHEN it is asked for again with If-None-Match
        HttpResponse<String> second = get(plate.code(), r -> r.header(HttpHeaders.IF_NONE_MATCH, etag));

        // THEN the answer is 304 without a body; another tag gets the full page
        assertEquals(304, second.code());
        assertEquals(etag, second.header(HttpHeaders.ETAG));
        assertEquals(200, get(plate.code(), r -> r.header(HttpHeaders.IF_NONE_MATCH, "\"other\"")).code());
    }

    @Test
    void cachedScanIsAnsweredByTheFilterExactlyAsTheControllerAnsweredIt() {
        // GIVEN an English page rendered once by the controller (a cache miss)
        Doorplate plate = demoPlate("150102R006");
        HttpResponse<String> first = get(plate.code() + "?lang=en", r -> { });

        // WHEN it is scanned again without credentials, and asked of the filter directly
        HttpResponse<String> second = get(plate.code() + "?lang=en", r -> { });
        HttpResponse<?> fromFilter = cachedScans.answerFromCache(
                HttpRequest.GET("/q/" + plate.code() + "?lang=en"));
        HttpResponse<?> withToken = cachedScans.answerFromCache(
                HttpRequest.GET("/q/" + plate.code() + "?lang=en").bearerAuth("any-token"));

        // THEN the filter answers from the cache with the same status, body and headers
        assertEquals(first.code(), second.code());
        assertEquals(first.body(), second.body());
        for (String name : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL,
                HttpHeaders.VARY, HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.LINK)) {
            assertEquals(first.header(name), second.header(name), name);
        }
        assertEquals("en", second.header(HttpHeaders.CONTENT_LANGUAGE));
        assertNotNull(fromFilter);
        assertEquals(200, fromFilter.code());
        // and leaves any request with credentials to security and the controller
        assertNull(withToken);
    }

    @Test
    void unknownCodeIs404InEveryRepresentation() {
        String unknown = "AAAAAAAAAAAAA";

        HttpClientResponseException html = failure(unknown, r -> r.accept("text/html"));
        HttpClientResponseException json = failure(unknown, r -> r.accept("application/json"));

        assertEquals(404, html.getStatus().getCode());
        assertTrue(html.getResponse().getBody(String.class).orElseThrow().contains("未找到此门牌"));
        assertEquals(404, json.getStatus().getCode());
        assertTrue(json.getResponse().getBody(String.class).orElseThrow().contains("\"error\":\"not_found\""));
    }

    @Test
    void malformedCodesAreRefusedWith400() {
        for (String code : List.of("ABC", "ABCDEFGHIJK01", "ABCDEFGHIJKLMN", "A".repeat(3000), "%3Cscript%3E")) {
            HttpClientResponseException e = failure(code, r -> r.accept("application/json"));
            assertEquals(400, e.getStatus().getCode(), code);
        }
    }

    @Test
    void retiredPlateIs410WithALinkToItsSuccessor() {
        // GIVEN a plate replaced by a new one
        Doorplate old = doorplates.create(new PlateInput("150102R006", "201", null, null, "010010",
                "150102004001", 40.8121, 111.6701, null));
        Doorplate successor = doorplates.create(new PlateInput("150102R006", "201A", null, null, "010010",
                "150102004001", 40.8121, 111.6701, null));
        get(old.code(), r -> { });
        doorplates.retire(old.code(), successor.code());

        // WHEN the old code is scanned
        HttpClientResponseException html = failure(old.code(), r -> r.accept("text/html"));
        HttpClientResponseException json = failure(old.code(), r -> r.accept("application/json"));

        // THEN it is gone, and every representation points at the successor
        assertEquals(410, html.getStatus().getCode());
        String page = html.getResponse().getBody(String.class).orElseThrow();
        assertTrue(page.contains("href=\"" + successor.url() + "\""), page);
        assertTrue(html.getResponse().header(HttpHeaders.LINK).contains(successor.url()));
        assertEquals(410, json.getStatus().getCode());
        assertTrue(json.getResponse().getBody(String.class).orElseThrow().contains(successor.url()));
    }

    @Test
    void renamedRoadKeepsItsPlatesWorkingAndTheirPagesSayFormerly() {
        // GIVEN a road with a plate whose page has been seen (and cached)
        gazetteer.createPlace(new PlaceInput("TEST-R1", "胜利巷", null, "Shengli Xiang", null, "lane",
                null, null, 40.82, 111.68, true, null, List.of("150102003001")));
        Doorplate plate = doorplates.create(new PlateInput("TEST-R1", "7", null, null, null, "150102003001",
                40.82, 111.68, null));
        assertTrue(get(plate.code(), r -> { }).body().contains("胜利巷"));

        // WHEN the road is renamed
        gazetteer.rename("TEST-R1", new RenameRequest("团结巷", "Tuanjie Xiang", null, "test rename", null));

        // THEN the same code answers with the new name and says what it was called before
        String page = get(plate.code(), r -> { }).body();
        assertTrue(page.contains("<h1>团结巷</h1>"), page);
        assertTrue(page.contains("曾用名: 胜利巷"), page);
        String english = get(plate.code(), r -> r.header(HttpHeaders.ACCEPT_LANGUAGE, "en")).body();
        assertTrue(english.contains("Formerly: Shengli Xiang (胜利巷)"), english);
    }

    @Test
    void pageRendersInAHeadlessBrowserWithTheAddressAndRoadName() throws Exception {
        // GIVEN a demo plate on 成吉思汗大街 and the server's loopback address
        Doorplate plate = demoPlate("150102R004");
        String url = server.getURL() + "/q/" + plate.code();

        // WHEN headless Chromium loads the page in both languages (?lang=, since its own
        // Accept-Language follows the machine's locale)
        String dom = Chromium.dumpDom(url + "?lang=zh");
        Chromium.screenshot(url + "?lang=zh", Path.of("target", "screenshots", "scan-zh.png"));
        Chromium.screenshot(url + "?lang=en", Path.of("target", "screenshots", "scan-en.png"));

        // THEN the DOM it built shows the address and the road name, and screenshots exist
        assertTrue(dom.contains("<h1>成吉思汗大街</h1>"), dom);
        assertTrue(dom.contains("新城区成吉思汗大街" + plate.number() + "号"), dom);
        assertTrue(Files.size(Path.of("target", "screenshots", "scan-zh.png")) > 10_000);
        assertTrue(Files.size(Path.of("target", "screenshots", "scan-en.png")) > 10_000);
    }

    @Test
    void demoDataLoadsOnceHowEverOftenItRuns() {
        // GIVEN the demo data loaded at start (about 200 plates)
        int before = doorplates.list(null, 10_000, 0).size();

        // WHEN it is loaded again
        new DemoData(gazetteer, doorplates, householdsBean()).load();

        // THEN nothing was added
        assertTrue(before >= 200, "plates: " + before);
        assertEquals(before, doorplates.list(null, 10_000, 0).size());
    }

    @Inject
    org.doorplate.server.household.Households households;

    private org.doorplate.server.household.Households householdsBean() {
        return households;
    }

    private Doorplate demoPlate(String road) {
        return doorplates.list(road, 1, 0).get(0);
    }

    private HttpResponse<String> get(String code, Consumer<MutableHttpRequest<?>> customise) {
        MutableHttpRequest<?> request = HttpRequest.GET("/q/" + code);
        customise.accept(request);
        return http.toBlocking().exchange(request, String.class);
    }

    private HttpClientResponseException failure(String code, Consumer<MutableHttpRequest<?>> customise) {
        try {
            get(code, customise);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error status for " + code);
    }
}
