package io.semisup.contracts.dataset;

public enum DatasetEventType {
    DATASET_CREATED,
    DATASET_DELETED,
    IMAGES_ADDED,
    IMAGES_LABELED,
    IMAGES_REMOVED,
    VERSION_CREATED
}
