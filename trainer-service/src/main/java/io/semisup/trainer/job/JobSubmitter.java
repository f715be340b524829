package io.semisup.trainer.job;

import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Puts a job on {@code training-jobs}, keyed by its id (so every delivery of one job lands on one partition). The
 * REST door and automatic retraining both submit this way; no job skips the topic.
 */
@ApplicationScoped
public class JobSubmitter {

    private final MutinyEmitter<String> submissions;

    // A channel name other than the incoming one: same-named channels would be wired in memory, not through Kafka.
    public JobSubmitter(@Channel("job-submissions") MutinyEmitter<String> submissions) {
        this.submissions = submissions;
    }

    public void submit(TrainingJob job) {
        submissions.sendMessageAndAwait(KafkaRecord.of(job.jobId(), MessageCodec.encode(job)));
    }
}
