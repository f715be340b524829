package io.semisup.trainer.job;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.Topics;
import io.semisup.contracts.dataset.ManifestImage;
import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.dataset.VersionManifest;
import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.job.TrainingEvent;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.model.ModelEvent;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.contracts.suggestion.Strategy;
import io.semisup.contracts.suggestion.Suggestions;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.KafkaTestClient;
import io.semisup.testing.LocalStackResource;
import io.semisup.trainer.TestDatasets;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static io.semisup.trainer.TestJobs.tiny;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jobs through the real Kafka broker and S3 server, trained for real on a tiny generated dataset. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TrainingJobTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String DATASET = "colours";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @BeforeEach
    void dataset() {
        TestDatasets.ensure(store, DATASET);
    }

    @Test
    void aJobDeliveredTwiceTrainsOnceStoresItsResultsAndAnnouncesOneModel() {
        TrainingJob job = TrainingJob.of("twice", DATASET, "v1", Method.SUPERVISED, tiny(2));
        kafka().send(Topics.TRAINING_JOBS, job.jobId(), MessageCodec.encode(job));
        kafka().send(Topics.TRAINING_JOBS, job.jobId(), MessageCodec.encode(job));

        awaitState(job.jobId(), JobState.SUCCEEDED);
        ModelEvent model = MessageCodec.decode(
                kafka().await(Topics.MODEL_EVENTS, r -> job.jobId().equals(r.key()), TIMEOUT).value(), ModelEvent.class);
        assertEquals(TestDatasets.CLASSES, model.classes());
        assertEquals("v1", model.datasetVersion());
        assertEquals(Method.SUPERVISED, model.method());
        assertTrue(model.metrics().containsKey("validationAccuracy"), model.metrics().toString());
        assertTrue(store.size(StorageLayout.MODELS_BUCKET, model.modelKey()).orElse(0L) > 1000);
        // What to label next: every unlabelled image of v1, ranked by every strategy, named in the announcement.
        assertEquals(StorageLayout.reportFile(job.jobId(), Suggestions.FILE), model.suggestionsKey());
        Suggestions suggestions = MessageCodec.decode(new String(store.get(StorageLayout.JOBS_BUCKET,
                model.suggestionsKey()).orElseThrow(), StandardCharsets.UTF_8), Suggestions.class);
        VersionManifest v1 = MessageCodec.decode(new String(store.get(StorageLayout.DATASETS_BUCKET,
                StorageLayout.versionManifest(DATASET, "v1")).orElseThrow(), StandardCharsets.UTF_8),
                VersionManifest.class);
        Set<String> unlabeled = v1.images().stream()
                .filter(i -> i.split() == Split.UNLABELED).map(ManifestImage::id).collect(Collectors.toSet());
        for (Strategy strategy : Strategy.values()) {
            assertEquals(unlabeled, suggestions.rankings().get(strategy).stream()
                    .map(i -> suggestions.images().get(i).imageId()).collect(Collectors.toSet()), strategy.id());
        }

        given().when().get("/jobs/" + job.jobId())
                .then().statusCode(200)
                .body("state", equalTo("SUCCEEDED"))
                .body("datasetVersion", equalTo("v1"))
                .body("attempts", equalTo(1))
                .body("backend", containsString("backend"))
                .body("config.imageSize", equalTo(32))
                .body("epochs", hasSize(2))
                .body("epochs[1].metrics", hasKey("validationAccuracy"))
                .body("epochs[1].metrics", hasKey("etaSeconds"))
                .body("artifacts", hasKey("model.onnx"))
                .body("artifacts", hasKey("report.json"))
                .body("artifacts['loss.png']", equalTo("/jobs/twice/report/loss.png"));
        given().when().get("/jobs/twice/report/confusion.png")
                .then().statusCode(200).contentType("image/png");
        given().when().get("/jobs/twice/model.onnx").then().statusCode(200);

        // The second delivery waited for the first and found it done: one run, one success, one model.
        List<ConsumerRecord<String, String>> events = kafka().collect(Topics.TRAINING_EVENTS,
                r -> job.jobId().equals(r.key()), Duration.ofSeconds(4));
        assertEquals(1, events.stream().map(this::event).filter(e -> e.state() == JobState.SUCCEEDED).count());
        assertEquals(2, events.stream().map(this::event)
                .filter(e -> e.epoch() != null && e.state() == JobState.RUNNING && !e.withinEpoch()).count());
        assertEquals(1, kafka().collect(Topics.MODEL_EVENTS, r -> job.jobId().equals(r.key()), Duration.ofSeconds(2)).size());
    }

    @Test
    void aJobSubmittedOverHttpCanBeFollowedLiveUntilItEnds() {
        String jobId = given().contentType("application/json")
                .body("{\"datasetId\": \"colours\", \"datasetVersion\": \"v1\", \"method\": \"simclr\", \"hyperparameters\": "
                        + MessageCodec.encode(tiny(2)) + "}")
                .when().post("/jobs")
                .then().statusCode(202)
                .header("Location", containsString("/jobs/"))
                .extract().path("jobId");
        await().atMost(TIMEOUT).until(() -> given().get("/jobs/" + jobId).statusCode() == 200);

        String stream = given().accept("text/event-stream")
                .when().get("/jobs/" + jobId + "/events")
                .then().statusCode(200)
                .extract().asString();
        List<TrainingEvent> events = stream.lines().filter(l -> l.startsWith("data:"))
                .map(l -> MessageCodec.decode(l.substring(5).trim(), TrainingEvent.class)).toList();
        assertTrue(events.size() > 1, stream);
        assertEquals(JobState.SUCCEEDED, events.get(events.size() - 1).state(), stream);
        assertTrue(events.stream().anyMatch(e -> e.metrics().containsKey("loss")), stream);
    }

    @Test
    void invalidJobsAreDeadLetteredWithTheirReasonAndTheConsumerGoesOn() {
        kafka().send(Topics.TRAINING_JOBS, "broken-json", "{this is not json");
        kafka().send(Topics.TRAINING_JOBS, "unknown-method", """
                {"schemaVersion":1,"jobId":"unknown-method","datasetId":"colours","method":"magic",
                 "submittedAt":"2026-11-28T00:00:00Z"}""");
        kafka().send(Topics.TRAINING_JOBS, "bad-epochs", """
                {"schemaVersion":1,"jobId":"bad-epochs","datasetId":"colours","method":"simclr",
                 "hyperparameters":{"epochs":0},"submittedAt":"2026-11-28T00:00:00Z"}""");
        TrainingJob nowhere = TrainingJob.of("unknown-dataset", "nowhere", null, Method.SUPERVISED, tiny(1));
        kafka().send(Topics.TRAINING_JOBS, nowhere.jobId(), MessageCodec.encode(nowhere));
        TrainingJob noVersion = TrainingJob.of("unknown-version", DATASET, "v99", Method.SUPERVISED, tiny(1));
        kafka().send(Topics.TRAINING_JOBS, noVersion.jobId(), MessageCodec.encode(noVersion));

        kafka().awaitDeadLetter("broken-json", "not valid JSON", TIMEOUT);
        kafka().awaitDeadLetter("unknown-method", "unknown method 'magic'", TIMEOUT);
        kafka().awaitDeadLetter("bad-epochs", "hyperparameters.epochs must be between 1 and 10000", TIMEOUT);
        kafka().awaitDeadLetter("unknown-dataset", "unknown dataset 'nowhere'", TIMEOUT);
        kafka().awaitDeadLetter("unknown-version", "dataset colours has no version v99", TIMEOUT);
        TrainingEvent failed = awaitState("unknown-dataset", JobState.FAILED);
        assertEquals("unknown dataset 'nowhere'", failed.message());
        given().when().get("/jobs/unknown-version")
                .then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("message", equalTo("dataset colours has no version v99"));

        // The consumer is still there: a valid job after the bad ones is taken in.
        TrainingJob valid = TrainingJob.of("after-the-bad-ones", DATASET, "v1", Method.SUPERVISED, tiny(1));
        kafka().send(Topics.TRAINING_JOBS, valid.jobId(), MessageCodec.encode(valid));
        awaitState(valid.jobId(), JobState.QUEUED);

        given().contentType("application/json")
                .body("{\"datasetId\": \"colours\", \"method\": \"simclr\", \"hyperparameters\": {\"epochs\": 0}}")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("error", containsString("hyperparameters.epochs must be between 1 and 10000"));
        given().contentType("application/json")
                .body("{\"datasetId\": \"nowhere\", \"method\": \"simclr\"}")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("error", equalTo("unknown dataset 'nowhere'"));
        given().when().get("/jobs/no-such-job").then().statusCode(404);
    }

    @Test
    void queuedAndRunningJobsCanBeCancelled() {
        TrainingJob running = TrainingJob.of("long-running", DATASET, "v1", Method.SUPERVISED, tiny(500));
        TrainingJob waiting = TrainingJob.of("waiting-behind", DATASET, "v1", Method.SUPERVISED, tiny(1));
        kafka().send(Topics.TRAINING_JOBS, running.jobId(), MessageCodec.encode(running));
        kafka().await(Topics.TRAINING_EVENTS, r -> running.jobId().equals(r.key()) && event(r).epoch() != null, TIMEOUT);
        kafka().send(Topics.TRAINING_JOBS, waiting.jobId(), MessageCodec.encode(waiting));
        awaitState(waiting.jobId(), JobState.QUEUED);

        given().when().delete("/jobs/" + waiting.jobId())
                .then().statusCode(202).body("state", equalTo("CANCELLED"));
        given().when().delete("/jobs/" + running.jobId())
                .then().statusCode(202);
        awaitState(running.jobId(), JobState.CANCELLED);
        given().when().get("/jobs/" + running.jobId())
                .then().statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("message", equalTo("cancelled"));
        given().when().delete("/jobs/" + running.jobId())
                .then().statusCode(409).body("error", startsWith("job long-running has already ended"));

        // The cancelled queued job never runs.
        kafka().collect(Topics.TRAINING_EVENTS, r -> false, Duration.ofSeconds(3));
        given().when().get("/jobs/" + waiting.jobId())
                .then().statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("attempts", equalTo(0));
    }

    private TrainingEvent awaitState(String jobId, JobState state) {
        Predicate<ConsumerRecord<String, String>> match = r -> jobId.equals(r.key()) && event(r).state() == state;
        return event(kafka().await(Topics.TRAINING_EVENTS, match, TIMEOUT));
    }

    private TrainingEvent event(ConsumerRecord<String, String> record) {
        return MessageCodec.decode(record.value(), TrainingEvent.class);
    }

    private KafkaTestClient kafka() {
        return new KafkaTestClient(bootstrapServers);
    }
}
