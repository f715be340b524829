package io.semisup.inference.model;

import io.semisup.contracts.model.ModelEvent;

/** A model the service knows of: what was announced, and the size of its stored artifact. */
public record ModelEntry(ModelEvent announcement, long artifactBytes) {

    public String modelId() {
        return announcement.modelId();
    }
}
