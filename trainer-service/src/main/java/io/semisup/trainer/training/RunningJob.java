package io.semisup.trainer.training;

import io.semisup.trainer.job.JobRecord;
import io.semisup.trainer.job.JobRepository;

import java.util.function.UnaryOperator;

/**
 * The record of the job this instance runs, changed by the training thread (epochs) and the heartbeat (lease) alike:
 * one at a time, and always written through to object storage.
 */
final class RunningJob {

    private final JobRepository jobs;
    private JobRecord record;

    RunningJob(JobRepository jobs, JobRecord record) {
        this.jobs = jobs;
        this.record = record;
    }

    synchronized JobRecord current() {
        return record;
    }

    synchronized JobRecord update(UnaryOperator<JobRecord> change) {
        record = jobs.save(change.apply(record));
        return record;
    }

    String jobId() {
        return record.jobId();
    }
}
