package io.semisup.trainer.job;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The record of a job this instance runs, changed by the training thread (epochs) and the heartbeat (lease) alike:
 * one change at a time, always written through to object storage. Changed only through {@link JobLifecycle}. Once
 * the job has ended it stays as it ended: a thread the runner gave up on that wakes up later changes nothing.
 */
public final class RunningJob {

    private final JobRepository jobs;
    private JobRecord record;

    RunningJob(JobRepository jobs, JobRecord record) {
        this.jobs = jobs;
        this.record = record;
    }

    public synchronized JobRecord current() {
        return record;
    }

    public String jobId() {
        return current().jobId();
    }

    /** @return the changed record, or empty when the job had already ended (nothing is written) */
    synchronized Optional<JobRecord> update(UnaryOperator<JobRecord> change) {
        if (record.state().isFinal()) {
            return Optional.empty();
        }
        record = jobs.save(change.apply(record));
        return Optional.of(record);
    }
}
