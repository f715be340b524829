package io.semisup.dataset;

import io.semisup.contracts.dataset.Split;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A dataset as shown to people: its record plus what it holds. */
public record DatasetView(String id, String name, List<String> classes, Map<Split, Long> countsBySplit,
        Map<Split, Map<String, Long>> countsByClass, long totalBytes, long newLabels, List<String> versions,
        Instant createdAt, Instant updatedAt) {

    static DatasetView of(DatasetState state) {
        synchronized (state) {
            Dataset d = state.dataset();
            return new DatasetView(d.id(), d.name(), d.classes(), state.countsBySplit(), state.countsByClass(),
                    state.totalBytes(), state.newLabels(), state.versions(), d.createdAt(), d.updatedAt());
        }
    }
}
