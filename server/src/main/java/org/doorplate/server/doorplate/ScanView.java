package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.doorplate.server.gazetteer.Division;
import org.doorplate.server.gazetteer.PlaceName;
import org.doorplate.server.gazetteer.PublicService;

/**
 * Everything the public scan page of a plate shows, gathered from the plate store and the
 * gazetteer. Holds no household data: that is added per request, never cached.
 *
 * @param divisions the plate's divisions from the province down to its community
 * @param community the community, or null when the plate names none
 * @param township the sub-district or township above the community, or null
 */
public record ScanView(
        Doorplate plate,
        PlaceName road,
        List<Division> divisions,
        @Nullable Division community,
        @Nullable Division township,
        List<PublicService> services) {
    public ScanView {
        divisions = List.copyOf(divisions);
        services = List.copyOf(services);
    }
}
