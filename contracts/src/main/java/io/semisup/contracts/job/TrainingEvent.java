package io.semisup.contracts.job;

import io.semisup.contracts.messaging.Check;

import java.time.Instant;
import java.util.Map;

/**
 * A job's state change or progress, on topic {@code training-events}, keyed by job id.
 *
 * @param epoch   the epoch just finished, null for a pure state change
 * @param metrics per-epoch figures (losses, accuracies, learning rate, images/s, ETA in seconds)
 * @param message a human-readable note; for FAILED, the reason
 */
public record TrainingEvent(
        int schemaVersion,
        String jobId,
        JobState state,
        Integer epoch,
        Integer totalEpochs,
        Map<String, Double> metrics,
        String message,
        Instant timestamp) {

    public static final int SCHEMA_VERSION = 1;
    /** Metrics of an event of progress within an epoch: the step reached and the epoch's steps. */
    public static final String STEP = "step";
    public static final String STEPS = "steps";

    public TrainingEvent {
        Check.schemaVersion("TrainingEvent", schemaVersion, SCHEMA_VERSION);
        Check.id("jobId", jobId);
        Check.present("state", state);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        Check.present("timestamp", timestamp);
    }

    /** Progress within an epoch (its metrics hold {@link #STEP} and {@link #STEPS}), not an epoch's end. */
    public boolean withinEpoch() {
        return metrics.containsKey(STEP) && metrics.containsKey(STEPS);
    }

    public static TrainingEvent state(String jobId, JobState state, String message) {
        return new TrainingEvent(SCHEMA_VERSION, jobId, state, null, null, Map.of(), message, Instant.now());
    }
}
