package io.semisup.trainer.job;

import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.trainer.dataset.DatasetVersions;
import io.semisup.trainer.training.TrainerConfig;
import io.semisup.trainer.training.TrainingSettings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a job must be to be accepted, beyond its message's own checks: its dataset (and version, if named) exist,
 * and its settings make a trainable configuration. Refused here, a job fails in a second, not after an hour.
 */
@ApplicationScoped
public class JobValidator {

    private final DatasetVersions versions;
    private final TrainerConfig config;

    public JobValidator(DatasetVersions versions, TrainerConfig config) {
        this.versions = versions;
        this.config = config;
    }

    /** @throws InvalidMessageException naming what is wrong */
    public void check(TrainingJob job) {
        if (!versions.exists(job.datasetId())) {
            throw new InvalidMessageException("unknown dataset '" + job.datasetId() + "'");
        }
        if (job.datasetVersion() != null && versions.manifest(job.datasetId(), job.datasetVersion()).isEmpty()) {
            throw new InvalidMessageException("dataset " + job.datasetId() + " has no version " + job.datasetVersion());
        }
        try {
            TrainingSettings.of(job, config.workers());
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(e.getMessage());
        }
    }
}
