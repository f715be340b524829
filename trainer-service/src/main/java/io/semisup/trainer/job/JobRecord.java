package io.semisup.trainer.job;

import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.training.run.TrainingConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the platform knows about one job; stored as {@code jobs/{jobId}/job.json} so any trainer instance can answer.
 * Each transition returns a new record.
 *
 * @param datasetVersion the version trained on, fixed when the job starts (a resumed job keeps it)
 * @param config         the engine settings the job runs with, defaults filled in, fixed when it is taken in
 * @param backend        the ND4J backend and device that trained it
 * @param owner          the trainer instance running it; with {@code heartbeatAt} its lease
 * @param attempts       how often a trainer started (or resumed) it
 * @param modelId        the model it produced (the job id: one job, one model, however often it is delivered)
 * @param artifacts      file name → download path of everything the job stored
 */
public record JobRecord(
        String jobId,
        TrainingJob job,
        JobState state,
        String message,
        String datasetVersion,
        TrainingConfig config,
        String backend,
        String owner,
        Instant heartbeatAt,
        int attempts,
        List<EpochProgress> epochs,
        Map<String, Double> metrics,
        String modelId,
        Map<String, String> artifacts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt) {

    public JobRecord {
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
    }

    static JobRecord queued(TrainingJob job, TrainingConfig config) {
        Instant now = Instant.now();
        return new JobRecord(job.jobId(), job, JobState.QUEUED, "waiting for a trainer", job.datasetVersion(), config,
                null, null, null, 0, List.of(), Map.of(), null, Map.of(), now, null, null, now);
    }

    /** A job refused at the door: it never runs. */
    static JobRecord refused(TrainingJob job, String reason) {
        return queued(job, null).finished(JobState.FAILED, reason);
    }

    JobRecord running(String owner, String datasetVersion, String backend) {
        Instant now = Instant.now();
        return new JobRecord(jobId, job, JobState.RUNNING, attempts == 0 ? "training" : "resumed", datasetVersion,
                config, backend, owner, now, attempts + 1, epochs, metrics, modelId, artifacts, createdAt,
                startedAt == null ? now : startedAt, null, now);
    }

    JobRecord heartbeat() {
        Instant now = Instant.now();
        return new JobRecord(jobId, job, state, message, datasetVersion, config, backend, owner, now, attempts, epochs,
                metrics, modelId, artifacts, createdAt, startedAt, finishedAt, now);
    }

    JobRecord epochDone(EpochProgress progress) {
        List<EpochProgress> all = new ArrayList<>(epochs);
        all.add(progress);
        Instant now = Instant.now();
        return new JobRecord(jobId, job, state, message, datasetVersion, config, backend, owner, now, attempts, all,
                metrics, modelId, artifacts, createdAt, startedAt, finishedAt, now);
    }

    JobRecord succeeded(String modelId, Map<String, Double> metrics, Map<String, String> artifacts, String message) {
        Instant now = Instant.now();
        return new JobRecord(jobId, job, JobState.SUCCEEDED, message, datasetVersion, config, backend, owner,
                heartbeatAt, attempts, epochs, metrics, modelId, artifacts, createdAt, startedAt, now, now);
    }

    JobRecord finished(JobState finalState, String reason) {
        Instant now = Instant.now();
        return new JobRecord(jobId, job, finalState, reason, datasetVersion, config, backend, owner, heartbeatAt,
                attempts, epochs, metrics, modelId, artifacts, createdAt, startedAt, now, now);
    }

    JobRecord withMessage(String text) {
        return new JobRecord(jobId, job, state, text, datasetVersion, config, backend, owner, heartbeatAt, attempts,
                epochs, metrics, modelId, artifacts, createdAt, startedAt, finishedAt, Instant.now());
    }

    /** Whether another trainer holds this job: running there, with a heartbeat younger than the lease. */
    public boolean leasedByOther(String instance, java.time.Duration lease) {
        return state == JobState.RUNNING && owner != null && !owner.equals(instance) && heartbeatAt != null
                && heartbeatAt.plus(lease).isAfter(Instant.now());
    }
}
