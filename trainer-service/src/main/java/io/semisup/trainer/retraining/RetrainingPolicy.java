package io.semisup.trainer.retraining;

import java.time.Instant;

/**
 * Whether a dataset retrains itself, and when: once it has gained {@code minNewLabels} labelled images over the
 * dataset version of its latest model.
 *
 * @param lastJobId the retraining job submitted last; no new one while it has not ended
 */
public record RetrainingPolicy(String datasetId, boolean enabled, int minNewLabels, String lastJobId, Instant updatedAt) {

    public RetrainingPolicy withLastJob(String jobId) {
        return new RetrainingPolicy(datasetId, enabled, minNewLabels, jobId, Instant.now());
    }
}
