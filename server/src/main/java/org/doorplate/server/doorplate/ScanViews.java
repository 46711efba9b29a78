package org.doorplate.server.doorplate;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.doorplate.server.gazetteer.Division;
import org.doorplate.server.gazetteer.DivisionLevel;
import org.doorplate.server.gazetteer.Gazetteer;
import org.doorplate.server.gazetteer.PlaceName;
import org.doorplate.server.gazetteer.PublicService;

/** Gathers what a plate's scan page shows from the plate store and the gazetteer. */
@Singleton
public class ScanViews {
    private final Doorplates doorplates;
    private final Gazetteer gazetteer;
    private final ScanConfiguration configuration;

    public ScanViews(Doorplates doorplates, Gazetteer gazetteer, ScanConfiguration configuration) {
        this.doorplates = doorplates;
        this.gazetteer = gazetteer;
        this.configuration = configuration;
    }

    /** The view of a plate (active or retired), or empty for an unknown code. */
    public Optional<ScanView> load(String code) {
        Optional<Doorplate> plate = doorplates.find(code);
        if (plate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(assemble(plate.get()));
    }

    private ScanView assemble(Doorplate plate) {
        PlaceName road = gazetteer.place(plate.roadCode()).orElseThrow(() -> new IllegalStateException(
                "plate " + plate.code() + " names missing road " + plate.roadCode()));
        List<Division> divisions = plate.communityCode() == null ? List.of() : gazetteer.chain(plate.communityCode());
        Division community = find(divisions, DivisionLevel.VILLAGE);
        Division township = find(divisions, DivisionLevel.TOWNSHIP);
        List<PublicService> services = List.of();
        if (plate.latitude() != null && plate.longitude() != null) {
            services = gazetteer.servicesNear(plate.latitude(), plate.longitude(),
                    configuration.getNearbyRadiusMetres(), configuration.getNearbyLimit());
        }
        return new ScanView(plate, road, divisions, community, township, services);
    }

    private static Division find(List<Division> divisions, DivisionLevel level) {
        for (Division division : divisions) {
            if (DivisionLevel.fromWire(division.level()) == level) {
                return division;
            }
        }
        return null;
    }
}
