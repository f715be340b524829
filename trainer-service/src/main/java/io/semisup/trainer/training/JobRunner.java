package io.semisup.trainer.training;

import io.quarkus.runtime.ShutdownEvent;
import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.trainer.job.JobEvents;
import io.semisup.trainer.job.JobRecord;
import io.semisup.trainer.job.JobRepository;
import io.semisup.training.run.TrainingFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the jobs this instance has taken off Kafka, one at a time on its own thread (a trainer has one accelerator),
 * so the Kafka consumer keeps polling however long a job trains. A job's message is acknowledged only once the job
 * has ended: a trainer that dies leaves it unacknowledged, and whoever gets it next resumes it from its checkpoint.
 * While it runs, a heartbeat renews the job's lease in its record and looks for a cancellation request.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobRepository jobs;
    private final JobEvents events;
    private final JobExecution execution;
    private final TrainerConfig config;
    private final String instance;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "trainer-job"));
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "trainer-heartbeat"));
    private volatile boolean stopping;
    private RunningJob current;
    private Thread currentThread;

    public JobRunner(JobRepository jobs, JobEvents events, JobExecution execution, TrainerConfig config,
                     @ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.jobs = jobs;
        this.events = events;
        this.execution = execution;
        this.config = config;
        this.instance = config.instanceId().orElseGet(() -> hostName() + ":" + httpPort);
    }

    /**
     * Queues a job behind the one running. @return completes once the job has ended (or was already over); never
     * completes when this instance stops first, so the job's message stays unacknowledged for the next trainer
     */
    public CompletionStage<Void> submit(TrainingJob job) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                handle(job);
                ended.complete(null);
            } catch (StoppingException e) {
                LOG.infof("job %s left for the next trainer: this one is stopping", job.jobId());
            } catch (RuntimeException e) {
                // Object storage or Kafka failing under us: keep the message unacknowledged so the job is not lost.
                LOG.errorf(e, "job %s could not be handled; it stays on its topic until a trainer restarts", job.jobId());
            }
        });
        return ended;
    }

    /** Stops the job at once if this instance runs it; other instances find the marker at their next heartbeat. */
    public synchronized void interruptIfRunning(String jobId) {
        if (current != null && current.jobId().equals(jobId)) {
            currentThread.interrupt();
        }
    }

    public String instance() {
        return instance;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        synchronized (this) {
            if (currentThread != null) {
                currentThread.interrupt();
            }
        }
        heartbeats.shutdownNow();
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(TrainingJob job) {
        JobRecord record = jobs.find(job.jobId()).orElseGet(() -> jobs.save(JobRecord.queued(job)));
        while (!record.state().isFinal() && record.leasedByOther(instance, config.lease())) {
            LOG.infof("job %s is running on %s; waiting for it to end or its lease to expire", job.jobId(), record.owner());
            pause();
            record = jobs.find(job.jobId()).orElseThrow();
        }
        if (record.state().isFinal()) {
            LOG.infof("job %s is already %s: nothing to do", job.jobId(), record.state());
            return;
        }
        if (jobs.cancelRequested(job.jobId())) {
            events.state(jobs.save(record.finished(JobState.CANCELLED, "cancelled before it started")));
            return;
        }
        RunningJob running = new RunningJob(jobs, record);
        begin(running);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(running),
                config.heartbeat().toMillis(), config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        try {
            JobRecord done = execution.run(running, instance);
            events.state(done);
            LOG.infof("job %s succeeded: %s", job.jobId(), done.message());
        } catch (RuntimeException e) {
            end(running);
            Thread.interrupted();
            if (stopping) {
                throw new StoppingException();
            }
            boolean cancelled = jobs.cancelRequested(job.jobId());
            JobState state = cancelled ? JobState.CANCELLED : JobState.FAILED;
            String reason = cancelled ? "cancelled" : reason(e);
            if (!cancelled && !(e instanceof TrainingFailedException || e instanceof InvalidMessageException
                    || e instanceof IllegalArgumentException)) {
                LOG.errorf(e, "job %s failed", job.jobId());
            }
            events.state(running.update(r -> r.finished(state, reason)));
            LOG.infof("job %s %s: %s", job.jobId(), state, reason);
        } finally {
            heartbeat.cancel(false);
            end(running);
        }
    }

    private synchronized void begin(RunningJob running) {
        current = running;
        currentThread = Thread.currentThread();
    }

    private synchronized void end(RunningJob running) {
        if (current == running) {
            current = null;
            currentThread = null;
        }
    }

    private void beat(RunningJob running) {
        try {
            running.update(r -> r.state().isFinal() ? r : r.heartbeat());
            if (jobs.cancelRequested(running.jobId())) {
                synchronized (this) {
                    if (current == running) {
                        LOG.infof("job %s: cancellation requested", running.jobId());
                        currentThread.interrupt();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("job %s: heartbeat failed: %s", running.jobId(), e.getMessage());
        }
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

    private static String reason(RuntimeException e) {
        if (e instanceof CancellationException) {
            return "interrupted";
        }
        if (e instanceof TrainingFailedException || e instanceof InvalidMessageException
                || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
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
