package org.doorplate.server.doorplate;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.doorplate.server.gazetteer.Csv;
import org.doorplate.server.gazetteer.DivisionInput;
import org.doorplate.server.gazetteer.Gazetteer;
import org.doorplate.server.gazetteer.PlaceCsv;
import org.doorplate.server.gazetteer.PlaceInput;
import org.doorplate.server.gazetteer.PublicService;
import org.doorplate.server.gazetteer.RenameRequest;
import org.doorplate.server.household.Household;
import org.doorplate.server.household.Households;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo gazetteer of Hohhot's Xincheng district (division 150102) from the CSV files
 * under {@code demo/} when {@code doorplate.demo} is true: divisions, roads with pinyin and
 * Mongolian names, public services, about 200 plates and fictional households. Idempotent:
 * what is already there is left alone, so a restart loads nothing twice.
 *
 * <p>The district and the road names are real; the sub-district and community codes, the
 * histories, services, phone numbers and households are made up for the demo and say so.
 */
@Singleton
@Requires(property = "doorplate.demo", value = "true")
public class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    private final Gazetteer gazetteer;
    private final Doorplates doorplates;
    private final Households households;

    public DemoData(Gazetteer gazetteer, Doorplates doorplates, Households households) {
        this.gazetteer = gazetteer;
        this.doorplates = doorplates;
        this.households = households;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        load();
    }

    /** Loads whatever of the demo data is missing. */
    public void load() {
        for (Csv.Row row : rows("divisions.csv", Set.of("code", "name"))) {
            gazetteer.saveDivision(new DivisionInput(row.get("code"), row.get("name"), row.get("pinyin"),
                    row.get("office_address"), row.get("office_phone")));
        }
        int places = loadPlaces();
        for (Csv.Row row : rows("services.csv", Set.of("name", "kind", "latitude", "longitude"))) {
            gazetteer.saveService(new PublicService(null, row.get("name"), row.get("name_en"), row.get("kind"),
                    row.get("address"), row.get("phone"), row.number("latitude"), row.number("longitude"),
                    row.get("division_code"), null));
        }
        List<String> plates;
        try (Reader reader = open("plates.csv")) {
            plates = doorplates.importAll(PlateCsv.read(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int registered = loadHouseholds();
        LOG.info("demo data loaded [places: {}, plates: {}, households: {}]", places, plates.size(), registered);
    }

    /** Creates missing places; a place with a recorded rename is created under its old name first. */
    private int loadPlaces() {
        Map<String, Csv.Row> renames = new HashMap<>();
        for (Csv.Row row : rows("renames.csv", Set.of("code", "former_name"))) {
            renames.put(row.get("code"), row);
        }
        List<PlaceInput> inputs;
        try (Reader reader = open("places.csv")) {
            inputs = PlaceCsv.read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int created = 0;
        for (PlaceInput place : inputs) {
            if (gazetteer.place(place.code()).isPresent()) {
                continue;
            }
            Csv.Row rename = renames.get(place.code());
            if (rename == null) {
                gazetteer.createPlace(place);
            } else {
                gazetteer.createPlace(new PlaceInput(place.code(), rename.get("former_name"), null,
                        rename.get("former_pinyin"), null, place.category(), place.meaning(), place.history(),
                        place.latitude(), place.longitude(), true, null, place.divisionCodes()));
                gazetteer.rename(place.code(), new RenameRequest(place.standardName(), place.pinyin(),
                        place.mongolianName(), rename.get("reason"), place.namedOn()));
            }
            created++;
        }
        return created;
    }

    private int loadHouseholds() {
        Map<String, List<Household>> byAddress = new HashMap<>();
        for (Csv.Row row : rows("households.csv", Set.of("road_code", "number", "head_name", "members"))) {
            String address = address(row.get("road_code"), row.get("number"), row.get("building"), row.get("unit"));
            byAddress.computeIfAbsent(address, k -> new ArrayList<>()).add(new Household(null, row.get("head_name"),
                    Integer.parseInt(row.get("members")), row.get("phone"), row.get("note"), null));
        }
        int registered = 0;
        for (Doorplate plate : doorplates.list(null, Csv.MAX_ROWS, 0)) {
            List<Household> found = byAddress.get(address(plate.roadCode(), plate.number(), plate.building(),
                    plate.unit()));
            if (found != null && !plate.retired() && !households.any(plate.code())) {
                households.replace(plate.code(), found);
                registered += found.size();
            }
        }
        return registered;
    }

    private static String address(String road, String number, String building, String unit) {
        return road + '|' + number + '|' + Objects.requireNonNullElse(building, "") + '|'
                + Objects.requireNonNullElse(unit, "");
    }

    private static List<Csv.Row> rows(String file, Set<String> required) {
        try (Reader reader = open(file)) {
            return Csv.read(reader, required);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader open(String file) {
        InputStream in = DemoData.class.getResourceAsStream("/demo/" + file);
        if (in == null) {
            throw new IllegalStateException("demo file missing from the build: demo/" + file);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
