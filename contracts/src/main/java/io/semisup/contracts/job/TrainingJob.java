package io.semisup.contracts.job;

import io.semisup.contracts.messaging.Check;

import java.time.Instant;

/**
 * A request to train a classifier, on topic {@code training-jobs}, keyed by {@link #jobId}. Delivered at least once:
 * consumers treat the job id as the idempotency key.
 *
 * @param datasetVersion the dataset snapshot to train on; null asks the trainer to take a fresh version
 */
public record TrainingJob(
        int schemaVersion,
        String jobId,
        String datasetId,
        String datasetVersion,
        Method method,
        Hyperparameters hyperparameters,
        Instant submittedAt) {

    public static final int SCHEMA_VERSION = 1;

    public TrainingJob {
        Check.schemaVersion("TrainingJob", schemaVersion, SCHEMA_VERSION);
        Check.id("jobId", jobId);
        Check.id("datasetId", datasetId);
        Check.optionalId("datasetVersion", datasetVersion);
        Check.present("method", method);
        hyperparameters = hyperparameters == null ? Hyperparameters.defaults() : hyperparameters;
        Check.present("submittedAt", submittedAt);
    }

    public static TrainingJob of(String jobId, String datasetId, String datasetVersion, Method method,
            Hyperparameters hyperparameters) {
        return new TrainingJob(SCHEMA_VERSION, jobId, datasetId, datasetVersion, method, hyperparameters,
                Instant.now());
    }
}
