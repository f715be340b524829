package io.semisup.trainer.runner;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.semisup.contracts.job.JobState;
import io.semisup.trainer.job.JobLifecycle;
import io.semisup.trainer.job.JobRecord;
import io.semisup.trainer.job.JobSubmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds jobs whose owner is alive but silent: RUNNING, with a heartbeat older than the lease, and not running here.
 * A trainer that dies loses its Kafka partitions and the job's message goes to another trainer by itself; one that
 * lives on without renewing its lease (its object storage writes failing, say) keeps the message, and the job would
 * stay RUNNING forever. Each such job is handed back to {@code training-jobs} once per lease: whoever takes it
 * resumes it from its checkpoint, and the silent owner stops its attempt when it sees the job taken over.
 */
@ApplicationScoped
public class LeaseWatch {

    private static final Logger LOG = Logger.getLogger(LeaseWatch.class);

    private final JobLifecycle jobs;
    private final JobSubmitter submitter;
    private final JobRunner runner;
    private final TrainerConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "trainer-lease-watch");
        thread.setDaemon(true);
        return thread;
    });

    public LeaseWatch(JobLifecycle jobs, JobSubmitter submitter, JobRunner runner, TrainerConfig config) {
        this.jobs = jobs;
        this.submitter = submitter;
        this.runner = runner;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        long period = config.lease().toMillis();
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    void check() {
        try {
            Instant expired = Instant.now().minus(config.lease());
            for (JobRecord record : jobs.all()) {
                if (record.state() == JobState.RUNNING && record.heartbeatAt() != null
                        && record.heartbeatAt().isBefore(expired) && !runner.runs(record.jobId())) {
                    String reason = String.format("no heartbeat from %s since %s: handed to the next trainer",
                            record.owner(), record.heartbeatAt());
                    LOG.warnf("job %s: %s", record.jobId(), reason);
                    jobs.orphaned(record, reason);
                    submitter.submit(record.job());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("lease watch: %s", e);
        }
    }
}
