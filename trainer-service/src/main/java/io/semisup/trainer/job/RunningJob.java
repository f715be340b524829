package io.semisup.trainer.job;

import java.util.function.UnaryOperator;

/**
 * The record of a job this instance runs, changed by the training thread (epochs) and the heartbeat (lease) alike:
 * one change at a time, always written through to object storage. Changed only through {@link JobLifecycle}.
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

    synchronized JobRecord update(UnaryOperator<JobRecord> change) {
        record = jobs.save(change.apply(record));
        return record;
    }
}
