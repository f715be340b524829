package io.semisup.trainer.job;

import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.trainer.dataset.DatasetVersions;
import io.semisup.training.run.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a job must be to be accepted, beyond its message's own checks: its dataset (and version, if named) exist,
 * and its settings make a trainable configuration. Refused here, a job fails in a second, not after an hour.
 */
@ApplicationScoped
public class JobValidator {

    private final DatasetVersions versions;

    public JobValidator(DatasetVersions versions) {
        this.versions = versions;
    }

    /** @throws InvalidMessageException naming what is wrong */
    public void check(TrainingJob job) {
        settings(job, 0);
    }

    /**
     * @param workers augmentation threads of the trainer that takes the job in
     * @return the engine settings the job will train with
     * @throws InvalidMessageException naming what is wrong
     */
    public TrainingConfig settings(TrainingJob job, int workers) {
        if (!versions.exists(job.datasetId())) {
            throw new InvalidMessageException("unknown dataset '" + job.datasetId() + "'");
        }
        if (job.datasetVersion() != null && versions.manifest(job.datasetId(), job.datasetVersion()).isEmpty()) {
            throw new InvalidMessageException("dataset " + job.datasetId() + " has no version " + job.datasetVersion());
        }
        try {
            return TrainingSettings.of(job, workers);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(e.getMessage());
        }
    }
}
