package io.semisup.trainer.runner;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.Topics;
import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.job.TrainingEvent;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.KafkaTestClient;
import io.semisup.testing.LocalStackResource;
import io.semisup.trainer.TestDatasets;
import io.semisup.trainer.job.JobRecord;
import io.semisup.trainer.job.TrainingSettings;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.semisup.trainer.TestJobs.tiny;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No job is ever stuck: faults in the middle of a job (see {@link FaultyCheckpoints}) end it or retry it, and the
 * trainer goes on with the next job; a job whose owner fell silent is taken over. Real Kafka and S3.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class JobRecoveryTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String DATASET = "colours";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @Inject
    FaultyCheckpoints checkpoints;

    @Inject
    JobRunner runner;

    @BeforeEach
    void dataset() {
        TestDatasets.ensure(store, DATASET);
    }

    @Test
    void anErrorMidJobFailsItWithTheReasonAndTheNextJobRuns() {
        send(job("error-1", 2));
        send(job("after-error-1", 1));

        assertEquals("InternalError: injected fault", awaitState("error-1", JobState.FAILED).message());
        awaitState("after-error-1", JobState.SUCCEEDED);
        given().when().get("/jobs/error-1")
                .then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("message", equalTo("InternalError: injected fault"))
                .body("epochs", hasSize(0));
    }

    @Test
    void aJobThatRanOutOfMemoryIsTriedAgainFromItsCheckpoint() {
        send(job("oom-once-1", 3));

        awaitState("oom-once-1", JobState.SUCCEEDED);
        given().when().get("/jobs/oom-once-1")
                .then().statusCode(200)
                .body("attempts", equalTo(2))
                .body("epochs.epoch", contains(1, 2, 3));
        List<String> messages = events("oom-once-1").stream().map(TrainingEvent::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m != null && m.startsWith("attempt 1 ran out of memory")), messages.toString());
        assertTrue(messages.contains("continuing from the checkpoint of an earlier attempt"), messages.toString());
    }

    @Test
    void aJobWhoseThreadHangsIsEndedWithoutItAndTheNextJobRuns() {
        try {
            send(job("hangs-1", 2));
            send(job("after-hang-1", 1));

            TrainingEvent failed = awaitState("hangs-1", JobState.FAILED);
            assertTrue(failed.message().startsWith("stalled: no progress for"), failed.message());
            awaitState("after-hang-1", JobState.SUCCEEDED);
        } finally {
            checkpoints.release();
        }
    }

    @Test
    void aRunningJobWhoseOwnerFellSilentIsTakenOver() {
        TrainingJob job = job("silent-owner-1", 1);
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        JobRecord silent = new JobRecord(job.jobId(), job, JobState.RUNNING, "training", "v1",
                TrainingSettings.of(job, 0), "CPU", "elsewhere:1", longAgo, 1, List.of(), Map.of(), null, Map.of(),
                longAgo, longAgo, null, longAgo);
        store.put(StorageLayout.JOBS_BUCKET, StorageLayout.jobRecord(job.jobId()), MessageCodec.encode(silent).getBytes(),
                "application/json");

        awaitState(job.jobId(), JobState.SUCCEEDED);
        given().when().get("/jobs/" + job.jobId())
                .then().statusCode(200)
                .body("owner", equalTo(runner.instance()))
                .body("attempts", equalTo(2));
        assertTrue(events(job.jobId()).stream().anyMatch(e -> e.message() != null
                && e.message().startsWith("no heartbeat from elsewhere:1")));
    }

    private static TrainingJob job(String id, int epochs) {
        return TrainingJob.of(id, DATASET, "v1", Method.SUPERVISED, tiny(epochs));
    }

    private void send(TrainingJob job) {
        kafka().send(Topics.TRAINING_JOBS, job.jobId(), MessageCodec.encode(job));
    }

    private TrainingEvent awaitState(String jobId, JobState state) {
        return event(kafka().await(Topics.TRAINING_EVENTS,
                r -> jobId.equals(r.key()) && event(r).state() == state, TIMEOUT));
    }

    private List<TrainingEvent> events(String jobId) {
        return kafka().collect(Topics.TRAINING_EVENTS, r -> jobId.equals(r.key()), Duration.ofSeconds(2)).stream()
                .map(this::event).toList();
    }

    private TrainingEvent event(ConsumerRecord<String, String> record) {
        return MessageCodec.decode(record.value(), TrainingEvent.class);
    }

    private KafkaTestClient kafka() {
        return new KafkaTestClient(bootstrapServers);
    }
}
