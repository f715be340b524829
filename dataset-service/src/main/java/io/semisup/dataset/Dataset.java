package io.semisup.dataset;

import java.time.Instant;
import java.util.List;

/** A dataset's record, stored as {@code datasets/{id}/dataset.json}. Its classes grow as labelled images arrive. */
public record Dataset(String id, String name, List<String> classes, Instant createdAt, Instant updatedAt) {

    Dataset withClasses(List<String> newClasses, Instant now) {
        return new Dataset(id, name, List.copyOf(newClasses), createdAt, now);
    }

    Dataset touched(Instant now) {
        return new Dataset(id, name, classes, createdAt, now);
    }
}
