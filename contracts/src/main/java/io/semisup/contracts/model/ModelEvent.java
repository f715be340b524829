package io.semisup.contracts.model;

import io.semisup.contracts.job.Method;
import io.semisup.contracts.messaging.Check;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trained classifier is stored and ready to serve, on topic {@code model-events}, keyed by model id.
 *
 * @param classes   class names in the order of the model's outputs
 * @param metrics   evaluation figures (e.g. {@code testAccuracy}, {@code validationAccuracy})
 * @param modelKey  object key of the ONNX model in the {@code models} bucket
 * @param reportKey object key prefix of the training report in the {@code jobs} bucket, if any
 * @param suggestionsKey object key of the model's {@link io.semisup.contracts.suggestion.Suggestions} for the dataset
 *                       version's unlabelled images in the {@code jobs} bucket, if it had any
 */
public record ModelEvent(
        int schemaVersion,
        String modelId,
        String jobId,
        String datasetId,
        String datasetVersion,
        Method method,
        List<String> classes,
        Map<String, Double> metrics,
        String modelKey,
        String reportKey,
        String suggestionsKey,
        Instant createdAt) {

    public static final int SCHEMA_VERSION = 1;

    public ModelEvent {
        Check.schemaVersion("ModelEvent", schemaVersion, SCHEMA_VERSION);
        Check.id("modelId", modelId);
        Check.id("jobId", jobId);
        Check.id("datasetId", datasetId);
        Check.optionalId("datasetVersion", datasetVersion);
        Check.present("method", method);
        classes = List.copyOf(Check.notEmpty("classes", classes));
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        Check.present("modelKey", modelKey);
        Check.present("createdAt", createdAt);
    }
}
