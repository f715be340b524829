package io.semisup.trainer.job;

import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.TrainingEvent;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes training jobs off {@code training-jobs}: a valid job is recorded as QUEUED (once, however often it is
 * delivered) and announced on {@code training-events}. A message that is not a valid job throws, which sends it to
 * the dead-letter topic with the reason while the consumer goes on.
 */
@ApplicationScoped
public class JobIntake {

    private static final Logger LOG = Logger.getLogger(JobIntake.class);

    private final JobRepository jobs;
    private final MutinyEmitter<String> events;

    public JobIntake(JobRepository jobs, @Channel("training-events") MutinyEmitter<String> events) {
        this.jobs = jobs;
        this.events = events;
    }

    @Incoming("training-jobs")
    @Blocking
    public void accept(String payload) {
        TrainingJob job = MessageCodec.decode(payload, TrainingJob.class);
        if (jobs.find(job.jobId()).isPresent()) {
            LOG.infof("job %s delivered again: already known, ignored", job.jobId());
            return;
        }
        jobs.save(JobRecord.queued(job));
        TrainingEvent queued = TrainingEvent.state(job.jobId(), JobState.QUEUED,
                job.method() + " on dataset " + job.datasetId());
        events.sendMessageAndAwait(KafkaRecord.of(job.jobId(), MessageCodec.encode(queued)));
        LOG.infof("job %s queued: %s on dataset %s", job.jobId(), job.method(), job.datasetId());
    }
}
