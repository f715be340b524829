package io.semisup.trainer.job;

import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.TrainingEvent;
import io.semisup.contracts.messaging.MessageCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Publishes a job's state changes and progress on {@code training-events}, keyed by job id. */
@ApplicationScoped
public class JobEvents {

    private final MutinyEmitter<String> emitter;

    public JobEvents(@Channel("training-events") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void state(JobRecord record) {
        publish(snapshot(record));
    }

    public void epoch(String jobId, EpochProgress progress) {
        Map<String, Double> metrics = new HashMap<>(progress.metrics());
        metrics.put("phase", (double) progress.phaseIndex());
        metrics.put("phases", (double) progress.phases());
        publish(new TrainingEvent(TrainingEvent.SCHEMA_VERSION, jobId, JobState.RUNNING, progress.epoch(),
                progress.epochs(), metrics, progress.phase(), progress.finishedAt()));
    }

    /** Progress within an epoch: the step reached of the epoch's steps (see {@link TrainingEvent#withinEpoch()}). */
    public void step(String jobId, String phase, int epoch, int epochs, Map<String, Double> metrics) {
        publish(new TrainingEvent(TrainingEvent.SCHEMA_VERSION, jobId, JobState.RUNNING, epoch, epochs, metrics, phase,
                Instant.now()));
    }

    public void message(String jobId, String text) {
        publish(TrainingEvent.state(jobId, JobState.RUNNING, text));
    }

    /** The record as one event: its state, its last epoch, and its final metrics once it has them. */
    public static TrainingEvent snapshot(JobRecord record) {
        EpochProgress last = record.epochs().isEmpty() ? null : record.epochs().get(record.epochs().size() - 1);
        Map<String, Double> metrics = record.state() == JobState.SUCCEEDED || last == null ? record.metrics() : last.metrics();
        return new TrainingEvent(TrainingEvent.SCHEMA_VERSION, record.jobId(), record.state(),
                last == null ? null : last.epoch(), last == null ? null : last.epochs(), metrics, record.message(),
                Instant.now());
    }

    private void publish(TrainingEvent event) {
        emitter.sendMessageAndAwait(KafkaRecord.of(event.jobId(), MessageCodec.encode(event)));
    }
}
