package io.semisup.inference.model;

import io.semisup.contracts.model.ModelEvent;

/**
 * A model the service knows of: what was announced, the size of its stored artifact, and whether it serves.
 *
 * @param status AVAILABLE (known, not serving), ACTIVE (serving), REFUSED (failed to load or validate; see reason)
 */
public record ModelEntry(ModelEvent announcement, long artifactBytes, Status status, String reason) {

    public enum Status { AVAILABLE, ACTIVE, REFUSED }

    public String modelId() {
        return announcement.modelId();
    }

    ModelEntry with(Status status, String reason) {
        return new ModelEntry(announcement, artifactBytes, status, reason);
    }
}
