package io.semisup.contracts.dataset;

public enum DatasetEventType {
    DATASET_CREATED,
    DATASET_DELETED,
    IMAGES_ADDED,
    IMAGES_LABELED,
    IMAGES_REMOVED,
    VERSION_CREATED,
    /** A new model's labelling suggestions are ready ({@code version}: the dataset version they were made on). */
    SUGGESTIONS_READY
}
