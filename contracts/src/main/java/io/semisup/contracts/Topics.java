package io.semisup.contracts;

import java.util.List;

/**
 * Every Kafka topic of the platform, with the partition count a deployment should create it with. The services'
 * channel configuration, the local stack, and the Kubernetes {@code KafkaTopic} resources all follow this list.
 */
public final class Topics {

    /** Training jobs to run ({@link io.semisup.contracts.job.TrainingJob}); partitions let several trainers share them. */
    public static final String TRAINING_JOBS = "training-jobs";
    /** Job lifecycle and per-epoch progress ({@link io.semisup.contracts.job.TrainingEvent}). */
    public static final String TRAINING_EVENTS = "training-events";
    /** A new classifier is ready to serve ({@link io.semisup.contracts.model.ModelEvent}). */
    public static final String MODEL_EVENTS = "model-events";
    /** Images added, labelled, removed; versions created ({@link io.semisup.contracts.dataset.DatasetEvent}). */
    public static final String DATASET_EVENTS = "dataset-events";
    /** Messages a consumer could not accept, unchanged, with the reason in the {@code dead-letter-reason} header. */
    public static final String DEAD_LETTERS = "dead-letters";

    /** Header the dead-letter record carries the refusal reason in (SmallRye's dead-letter-queue strategy). */
    public static final String DEAD_LETTER_REASON_HEADER = "dead-letter-reason";

    public record Topic(String name, int partitions) {
    }

    public static final List<Topic> ALL = List.of(
            new Topic(TRAINING_JOBS, 3),
            new Topic(TRAINING_EVENTS, 3),
            new Topic(MODEL_EVENTS, 1),
            new Topic(DATASET_EVENTS, 3),
            new Topic(DEAD_LETTERS, 1));

    private Topics() {
    }
}
