package io.semisup.trainer.job;

import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.training.run.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one owner of a job's state: every change is written to the job's record first and then published on
 * {@code training-events}, so what {@code GET /jobs/{id}} shows and what followers hear never disagree. Nothing else
 * saves a record or publishes a state; the runner drives a running job through {@link RunningJob} handles it gets here.
 */
@ApplicationScoped
public class JobLifecycle {

    private final JobRepository jobs;
    private final JobEvents events;
    private final Event<CancelRequested> cancellations;

    public JobLifecycle(JobRepository jobs, JobEvents events, Event<CancelRequested> cancellations) {
        this.jobs = jobs;
        this.events = events;
        this.cancellations = cancellations;
    }

    public Optional<JobRecord> find(String jobId) {
        return jobs.find(jobId);
    }

    /** Every job, newest first. */
    public List<JobRecord> all() {
        return jobs.all();
    }

    /** A valid job taken in: QUEUED with the settings it will train with (a resumed attempt keeps them). */
    public JobRecord queue(TrainingJob job, TrainingConfig settings) {
        return publish(jobs.save(JobRecord.queued(job, settings)));
    }

    /** A job refused at the door: FAILED with the reason, never run. */
    public JobRecord refuse(TrainingJob job, String reason) {
        return publish(jobs.save(JobRecord.refused(job, reason)));
    }

    /**
     * Asks for a job to stop. A queued job is CANCELLED at once; a running one stops within a heartbeat on whichever
     * instance runs it (at once on this one), and its runner records CANCELLED.
     *
     * @param record a job that has not ended
     */
    public JobRecord cancel(JobRecord record) {
        jobs.requestCancel(record.jobId());
        if (record.state() == JobState.QUEUED) {
            return publish(jobs.save(record.finished(JobState.CANCELLED, "cancelled before it started")));
        }
        cancellations.fire(new CancelRequested(record.jobId()));
        return record;
    }

    public boolean cancelRequested(String jobId) {
        return jobs.cancelRequested(jobId);
    }

    /** A handle on a job this instance is about to run; its state does not change yet. */
    public RunningJob take(JobRecord record) {
        return new RunningJob(jobs, record);
    }

    /** The job's attempt begins: RUNNING on {@code owner}, on its dataset version, attempts + 1. */
    public void start(RunningJob job, String owner, String datasetVersion, String backend) {
        job.update(r -> r.running(owner, datasetVersion, backend)).ifPresent(this::publish);
    }

    /**
     * Renews the lease of a job this instance runs; no event.
     *
     * @return false, writing nothing, when another trainer has taken the job over since this attempt started
     */
    public boolean heartbeat(RunningJob job, String owner) {
        boolean started = owner.equals(job.current().owner());
        boolean takenOver = started && jobs.find(job.jobId())
                .filter(r -> r.state() == JobState.RUNNING && r.owner() != null && !owner.equals(r.owner()))
                .isPresent();
        if (takenOver) {
            return false;
        }
        job.update(JobRecord::heartbeat);
        return true;
    }

    /** A job whose owner stopped renewing its lease: its lease is renewed on the owner's behalf for one more period
     *  and the reason recorded, so that it is handed to the next trainer once. */
    public JobRecord orphaned(JobRecord record, String reason) {
        return publish(jobs.save(record.heartbeat().withMessage(reason)));
    }

    public void epoch(RunningJob job, EpochProgress progress) {
        job.update(r -> r.epochDone(progress)).ifPresent(r -> events.epoch(r.jobId(), progress));
    }

    /** Progress within an epoch for followers (step, steps, loss, images/s); the record keeps its epochs only. */
    public void step(String jobId, String phase, int epoch, int epochs, Map<String, Double> metrics) {
        events.step(jobId, phase, epoch, epochs, metrics);
    }

    /** A line of progress for followers (loading, phases, retries); the record keeps its state. */
    public void message(String jobId, String text) {
        events.message(jobId, text);
    }

    /** @return the record as it now stands (as it was, if the job had already ended) */
    public JobRecord succeed(RunningJob job, Map<String, Double> metrics, Map<String, String> artifacts, String message) {
        return job.update(r -> r.succeeded(job.jobId(), metrics, artifacts, message)).map(this::publish)
                .orElseGet(job::current);
    }

    /** Ends a running job: FAILED or CANCELLED, with the reason (unless it has already ended). */
    public void end(RunningJob job, JobState state, String reason) {
        job.update(r -> r.finished(state, reason)).ifPresent(this::publish);
    }

    /** Ends a job that never started (its cancellation was asked for while it waited). */
    public JobRecord cancelledBeforeStart(JobRecord record) {
        return publish(jobs.save(record.finished(JobState.CANCELLED, "cancelled before it started")));
    }

    private JobRecord publish(JobRecord record) {
        events.state(record);
        return record;
    }
}
