package io.semisup.trainer.runner;

import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.trainer.job.JobLifecycle;
import io.semisup.trainer.job.JobRecord;
import io.semisup.trainer.job.JobValidator;
import io.semisup.training.run.TrainingConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Takes training jobs off {@code training-jobs}. A new valid job is recorded as QUEUED, with the settings it will
 * train with (checked and fixed here, once), and handed to the runner; its
 * message is acknowledged when the job has ended, so the consumer moves on at once while the offset is committed
 * only for finished jobs. A job delivered again joins the runner too, which skips it if it is over and resumes it
 * if its trainer died. An invalid job is recorded as FAILED with the reason and its message goes to the dead-letter
 * topic with that reason.
 */
@ApplicationScoped
public class JobIntake {

    private static final Logger LOG = Logger.getLogger(JobIntake.class);

    private final JobLifecycle jobs;
    private final JobValidator validator;
    private final JobRunner runner;
    private final TrainerConfig config;

    public JobIntake(JobLifecycle jobs, JobValidator validator, JobRunner runner, TrainerConfig config) {
        this.jobs = jobs;
        this.validator = validator;
        this.runner = runner;
        this.config = config;
    }

    @Incoming("training-jobs")
    public Uni<Void> accept(Message<String> message) {
        // Object storage calls block: off the event loop, but the next message still waits only for this intake.
        return Uni.createFrom().item(() -> take(message))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .replaceWithVoid();
    }

    private Void take(Message<String> message) {
        TrainingJob job;
        try {
            job = MessageCodec.decode(message.getPayload(), TrainingJob.class);
        } catch (InvalidMessageException e) {
            LOG.warnf("refused a training job message: %s", e.getMessage());
            message.nack(e);
            return null;
        }
        Optional<JobRecord> known = jobs.find(job.jobId());
        JobRecord record;
        if (known.isEmpty()) {
            TrainingConfig settings;
            try {
                settings = validator.settings(job, config.workers());
            } catch (InvalidMessageException e) {
                LOG.warnf("job %s refused: %s", job.jobId(), e.getMessage());
                jobs.refuse(job, e.getMessage());
                message.nack(e);
                return null;
            }
            record = jobs.queue(job, settings);
            LOG.infof("job %s queued: %s on dataset %s", job.jobId(), job.method(), job.datasetId());
        } else if (known.get().state().isFinal()) {
            LOG.infof("job %s delivered again: already %s, ignored", job.jobId(), known.get().state());
            message.ack();
            return null;
        } else {
            record = known.get();
            LOG.infof("job %s delivered again while %s: handing it to the runner", job.jobId(), record.state());
        }
        runner.submit(record).thenRun(message::ack);
        return null;
    }
}
