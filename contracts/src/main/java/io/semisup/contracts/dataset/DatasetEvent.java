package io.semisup.contracts.dataset;

import io.semisup.contracts.messaging.Check;

import java.time.Instant;
import java.util.Map;

/**
 * Something changed in a dataset, on topic {@code dataset-events}, keyed by dataset id.
 *
 * @param version       the version created, for {@link DatasetEventType#VERSION_CREATED}
 * @param countsBySplit image counts per split after the change
 * @param newLabels     labelled images gained since the dataset's previous version (what retraining watches)
 */
public record DatasetEvent(
        int schemaVersion,
        String datasetId,
        DatasetEventType type,
        String version,
        Map<String, Long> countsBySplit,
        long newLabels,
        Instant timestamp) {

    public static final int SCHEMA_VERSION = 1;

    public DatasetEvent {
        Check.schemaVersion("DatasetEvent", schemaVersion, SCHEMA_VERSION);
        Check.id("datasetId", datasetId);
        Check.present("type", type);
        Check.optionalId("version", version);
        countsBySplit = countsBySplit == null ? Map.of() : Map.copyOf(countsBySplit);
        Check.notNegative("newLabels", newLabels);
        Check.present("timestamp", timestamp);
    }

    public static DatasetEvent of(String datasetId, DatasetEventType type, String version,
            Map<String, Long> countsBySplit, long newLabels) {
        return new DatasetEvent(SCHEMA_VERSION, datasetId, type, version, countsBySplit, newLabels, Instant.now());
    }
}
