package io.semisup.contracts.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of a dataset: what a training job reads, and what a model points back to. Stored at
 * {@code datasets/{datasetId}/versions/{version}/manifest.json} and never rewritten.
 *
 * @param classes   every class of the dataset, in a stable (sorted) order: the order of a model's outputs
 * @param newLabels labelled images this version has that the previous one did not have labelled
 */
public record VersionManifest(
        int schemaVersion,
        String datasetId,
        String version,
        Instant createdAt,
        List<String> classes,
        Map<Split, Long> countsBySplit,
        long newLabels,
        List<ManifestImage> images) {

    public static final int SCHEMA_VERSION = 1;
}
