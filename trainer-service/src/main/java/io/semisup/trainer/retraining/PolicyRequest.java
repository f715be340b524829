package io.semisup.trainer.retraining;

/** The body of {@code PUT /retraining/{datasetId}}. */
public record PolicyRequest(Boolean enabled, Integer minNewLabels) {
}
