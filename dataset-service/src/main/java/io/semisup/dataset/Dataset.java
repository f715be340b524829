package io.semisup.dataset;

import java.time.Instant;
import java.util.List;

/** A dataset's record, stored as {@code datasets/{id}/dataset.json}. */
public record Dataset(String id, String name, List<String> classes, Instant createdAt, Instant updatedAt) {
}
