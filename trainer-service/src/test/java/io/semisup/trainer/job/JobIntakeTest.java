package io.semisup.trainer.job;

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
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class JobIntakeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @Test
    void aSubmittedJobTravelsThroughKafkaAndIsRecordedInObjectStorage() {
        String jobId = given().contentType("application/json")
                .body("""
                        {"datasetId": "animals", "method": "simclr", "hyperparameters": {"epochs": 2}}""")
                .when().post("/jobs")
                .then().statusCode(202)
                .header("Location", containsString("/jobs/"))
                .extract().path("jobId");

        ConsumerRecord<String, String> queued = kafka().await(Topics.TRAINING_EVENTS,
                r -> jobId.equals(r.key()), TIMEOUT);
        TrainingEvent event = MessageCodec.decode(queued.value(), TrainingEvent.class);
        assertEquals(JobState.QUEUED, event.state());

        assertTrue(store.get(StorageLayout.JOBS_BUCKET, StorageLayout.jobRecord(jobId)).isPresent());
        given().when().get("/jobs/" + jobId)
                .then().statusCode(200)
                .body("state", equalTo("QUEUED"))
                .body("job.method", equalTo("simclr"))
                .body("job.hyperparameters.epochs", equalTo(2));
    }

    @Test
    void malformedMessagesGoToTheDeadLetterTopicAndConsumingGoesOn() {
        kafka().send(Topics.TRAINING_JOBS, "broken-json", "{this is not json");
        kafka().send(Topics.TRAINING_JOBS, "unknown-method", """
                {"schemaVersion":1,"jobId":"unknown-method","datasetId":"d","method":"magic",
                 "submittedAt":"2026-11-28T00:00:00Z"}""");

        kafka().awaitDeadLetter("broken-json", "not valid JSON", TIMEOUT);
        kafka().awaitDeadLetter("unknown-method", "unknown method 'magic'", TIMEOUT);

        TrainingJob valid = TrainingJob.of("after-the-bad-ones", "d", null, Method.SUPERVISED, null);
        kafka().send(Topics.TRAINING_JOBS, valid.jobId(), MessageCodec.encode(valid));
        kafka().await(Topics.TRAINING_EVENTS, r -> valid.jobId().equals(r.key()), TIMEOUT);
    }

    @Test
    void anInvalidSubmissionIsRefusedWithItsReason() {
        given().contentType("application/json")
                .body("""
                        {"datasetId": "animals", "method": "simclr", "hyperparameters": {"epochs": 0}}""")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("error", containsString("hyperparameters.epochs must be between 1 and 10000"));
        given().when().get("/jobs/no-such-job").then().statusCode(404);
    }

    private KafkaTestClient kafka() {
        return new KafkaTestClient(bootstrapServers);
    }
}
