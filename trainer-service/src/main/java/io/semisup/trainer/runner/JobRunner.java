package io.semisup.trainer.runner;

import io.quarkus.runtime.ShutdownEvent;
import io.semisup.contracts.job.JobState;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.trainer.job.CancelRequested;
import io.semisup.trainer.job.JobLifecycle;
import io.semisup.trainer.job.JobRecord;
import io.semisup.trainer.job.RunningJob;
import io.semisup.training.run.TrainingFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the jobs this instance has taken off Kafka, one at a time on its own thread (a trainer has one accelerator),
 * so the Kafka consumer keeps polling however long a job trains. A job's message is acknowledged only once the job
 * has ended: a trainer that dies leaves it unacknowledged, and whoever gets it next resumes it from its checkpoint.
 * <p>
 * Every job ends: whatever the attempt throws ({@link Error}s included) ends it as FAILED with the reason, or, when
 * it ran out of memory, retries it from its checkpoint a bounded number of times after its memory is released. While
 * it runs, a heartbeat renews its lease, looks for a cancellation request, notices when another trainer took the job
 * over, and interrupts an attempt that shows no progress, ending the job without its thread if that does not stop it.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobLifecycle jobs;
    private final JobExecution execution;
    private final TrainerConfig config;
    private final String instance;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "trainer-heartbeat"));
    private ExecutorService worker = newWorker();
    /** Threads handling a job (its run and the release of its memory after); an abandoned one no longer counts. */
    private final Set<Thread> handling = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private Attempt current;

    public JobRunner(JobLifecycle jobs, JobExecution execution, TrainerConfig config,
                     @ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.jobs = jobs;
        this.execution = execution;
        this.config = config;
        this.instance = config.instanceId().orElseGet(() -> hostName() + ":" + httpPort);
    }

    /**
     * Queues a job behind the one running. @return completes once the job has ended (or was already over); never
     * completes when this instance stops first, so the job's message stays unacknowledged for the next trainer
     */
    public CompletionStage<Void> submit(JobRecord record) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        enqueue(record, ended);
        return ended;
    }

    public String instance() {
        return instance;
    }

    /** Whether this instance is running the job right now. */
    public synchronized boolean runs(String jobId) {
        return current != null && current.job.jobId().equals(jobId);
    }

    /** Whether no job is being handled here: none running, and the last one's memory given back. */
    public boolean idle() {
        return handling.isEmpty();
    }

    void cancel(@Observes CancelRequested request) {
        synchronized (this) {
            if (current != null && current.job.jobId().equals(request.jobId())) {
                current.thread.interrupt();
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        synchronized (this) {
            if (current != null) {
                current.thread.interrupt();
            }
        }
        timer.shutdownNow();
        ExecutorService jobThread = workerNow();
        jobThread.shutdownNow();
        try {
            jobThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void enqueue(JobRecord record, CompletableFuture<Void> ended) {
        worker.execute(() -> {
            handling.add(Thread.currentThread());
            try {
                handle(record, ended);
                ended.complete(null);
            } catch (StoppingException e) {
                LOG.infof("job %s left for the next trainer: this one is stopping", record.jobId());
            } catch (Throwable e) {
                // The job could not be recorded as ended (object storage or Kafka failing under us): it has not
                // ended, so its message stays unacknowledged, and this instance tries again after a lease.
                if (!stopping) {
                    LOG.errorf(e, "job %s could not be handled; trying again in %s", record.jobId(), config.lease());
                    timer.schedule(() -> enqueue(record, ended), config.lease().toMillis(), TimeUnit.MILLISECONDS);
                }
            } finally {
                handling.remove(Thread.currentThread());
            }
        });
    }

    private void handle(JobRecord given, CompletableFuture<Void> ended) {
        JobRecord record = jobs.find(given.jobId()).orElse(given);
        while (!record.state().isFinal() && record.leasedByOther(instance, config.lease())) {
            LOG.infof("job %s is running on %s; waiting for it to end or its lease to expire", record.jobId(), record.owner());
            pause();
            record = jobs.find(record.jobId()).orElseThrow();
        }
        if (record.state().isFinal()) {
            LOG.infof("job %s is already %s: nothing to do", record.jobId(), record.state());
            return;
        }
        if (jobs.cancelRequested(record.jobId())) {
            jobs.cancelledBeforeStart(record);
            return;
        }
        RunningJob running = jobs.take(record);
        for (int retry = 0; ; retry++) {
            Attempt attempt = begin(running, ended);
            ScheduledFuture<?> heartbeat = timer.scheduleAtFixedRate(() -> beat(attempt),
                    config.heartbeat().toMillis(), config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
            Throwable failure;
            try {
                JobRecord done = execution.run(running, instance, attempt::progressed);
                LOG.infof("job %s succeeded: %s", done.jobId(), done.message());
                return;
            } catch (Throwable e) {
                failure = e;
            } finally {
                heartbeat.cancel(false);
                end(attempt);
                Thread.interrupted(); // an interrupt meant for this attempt must not reach the next job
                NativeMemory.release(running.jobId());
            }
            if (stopping) {
                throw new StoppingException();
            }
            if (attempt.abandoned()) {
                return; // the heartbeat ended the job; this thread is no longer the job thread
            }
            if (attempt.leaseLost()) {
                LOG.warnf("job %s was taken over by another trainer; this attempt stops", running.jobId());
                return;
            }
            if (jobs.cancelRequested(running.jobId())) {
                jobs.end(running, JobState.CANCELLED, "cancelled");
                LOG.infof("job %s cancelled", running.jobId());
                return;
            }
            if (failure instanceof OutOfMemoryError && retry < config.retries()) {
                String text = String.format("attempt %d ran out of memory (%s); memory released, trying again from "
                        + "the checkpoint", running.current().attempts(), failure.getMessage());
                LOG.warnf("job %s: %s", running.jobId(), text);
                jobs.message(running.jobId(), text);
                continue;
            }
            String reason = attempt.stalled()
                    ? "stalled: no progress for " + config.stallTimeout().toSeconds() + " s" : reason(failure);
            if (!expected(failure)) {
                LOG.errorf(failure, "job %s failed", running.jobId());
            }
            jobs.end(running, JobState.FAILED, reason);
            LOG.infof("job %s FAILED: %s", running.jobId(), reason);
            return;
        }
    }

    private synchronized Attempt begin(RunningJob running, CompletableFuture<Void> ended) {
        current = new Attempt(running, Thread.currentThread(), ended);
        return current;
    }

    private synchronized void end(Attempt attempt) {
        if (current == attempt) {
            current = null;
        }
    }

    private synchronized ExecutorService workerNow() {
        return worker;
    }

    /** Runs on the heartbeat thread; nothing it meets may stop the heartbeats that follow. */
    private void beat(Attempt attempt) {
        try {
            if (attempt.sinceProgress().compareTo(config.stallTimeout()) > 0) {
                if (!attempt.stalled()) {
                    LOG.warnf("job %s: no progress for %s; interrupting it", attempt.job.jobId(), attempt.sinceProgress());
                    attempt.stall();
                } else if (attempt.sinceProgress().compareTo(config.stallTimeout().plus(config.lease())) > 0) {
                    abandon(attempt);
                    return;
                }
            }
            if (!jobs.heartbeat(attempt.job, instance)) {
                attempt.loseLease();
                return;
            }
            if (jobs.cancelRequested(attempt.job.jobId())) {
                LOG.infof("job %s: cancellation requested", attempt.job.jobId());
                attempt.thread.interrupt();
            }
        } catch (Throwable e) {
            LOG.warnf("job %s: heartbeat failed: %s", attempt.job.jobId(), e);
        }
    }

    /**
     * The job's thread did not stop when interrupted (stuck in native code, say): the job ends as FAILED without it,
     * its message is acknowledged, and the jobs queued behind it move to a fresh job thread.
     */
    private void abandon(Attempt attempt) {
        synchronized (this) {
            if (current != attempt) {
                return;
            }
            attempt.abandon();
            current = null;
            handling.remove(attempt.thread);
            List<Runnable> queued = worker.shutdownNow();
            worker = newWorker();
            queued.forEach(worker::execute);
        }
        String reason = "stalled: no progress for " + attempt.sinceProgress().toSeconds()
                + " s, and the job's thread did not stop when interrupted";
        LOG.errorf("job %s: %s; ending it without that thread", attempt.job.jobId(), reason);
        jobs.end(attempt.job, JobState.FAILED, reason);
        attempt.ended.complete(null);
    }

    private void pause() {
        try {
            Thread.sleep(config.heartbeat().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppingException();
        }
        if (stopping) {
            throw new StoppingException();
        }
    }

    /** Failures a user caused or asked for: their message says it all, no stack trace in the log. */
    private static boolean expected(Throwable e) {
        return e instanceof TrainingFailedException || e instanceof InvalidMessageException
                || e instanceof IllegalArgumentException || e instanceof CancellationException;
    }

    private static String reason(Throwable e) {
        if (e instanceof CancellationException) {
            return "interrupted";
        }
        if (expected(e)) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> daemon(r, "trainer-job"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** This instance is shutting down: the job must stay where the next trainer finds it. */
    private static final class StoppingException extends RuntimeException {
        StoppingException() {
            super(null, null, false, false);
        }
    }
}
