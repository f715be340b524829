package io.semisup.trainer.job;

import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.TrainingJob;

import java.time.Instant;

/** What the platform knows about one job; stored as {@code jobs/{jobId}/job.json} so any trainer instance can answer. */
public record JobRecord(
        String jobId,
        TrainingJob job,
        JobState state,
        String message,
        Instant createdAt,
        Instant updatedAt) {

    public static JobRecord queued(TrainingJob job) {
        Instant now = Instant.now();
        return new JobRecord(job.jobId(), job, JobState.QUEUED, null, now, now);
    }
}
