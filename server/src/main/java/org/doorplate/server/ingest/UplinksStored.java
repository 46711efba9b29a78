package org.doorplate.server.ingest;

import java.util.List;

/**
 * Published once after every committed batch, with the uplinks that batch stored for the first
 * time (reading batches flattened into their entries; duplicates left out). Listeners run on
 * the writer's thread: they must hand the work to their own executor and return at once.
 *
 * @param uplinks the newly stored uplinks, in the order they were submitted
 */
public record UplinksStored(List<StoredUplink> uplinks) {
    public UplinksStored {
        uplinks = List.copyOf(uplinks);
    }
}
