package io.semisup.inference.model;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.Topics;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.model.ModelEvent;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.KafkaTestClient;
import io.semisup.testing.LocalStackResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class ModelAnnouncementsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @Test
    void anAnnouncedModelWhoseArtifactIsStoredJoinsTheCatalog() {
        byte[] artifact = new byte[1234];
        store.put(StorageLayout.MODELS_BUCKET, StorageLayout.model("model-a"), artifact, "application/octet-stream");
        assertTrue(store.get(StorageLayout.MODELS_BUCKET, StorageLayout.model("model-a")).isPresent());

        announce(model("model-a", Instant.now()));

        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/models/active")
                .then().statusCode(200)
                .body("announcement.modelId", equalTo("model-a"))
                .body("artifactBytes", equalTo(1234)));
    }

    @Test
    void badAnnouncementsAreDeadLetteredAndConsumingGoesOn() {
        kafka().send(Topics.MODEL_EVENTS, "garbage", "]]");
        announce(model("no-artifact", Instant.now()));

        kafka().awaitDeadLetter("garbage", "not valid JSON", TIMEOUT);
        kafka().awaitDeadLetter("no-artifact", "artifact models/no-artifact/model.onnx does not exist", TIMEOUT);

        store.put(StorageLayout.MODELS_BUCKET, StorageLayout.model("model-b"), new byte[10], "application/octet-stream");
        announce(model("model-b", Instant.parse("2020-01-01T00:00:00Z")));
        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/models")
                .then().statusCode(200).body("announcement.modelId", hasItem("model-b")));
    }

    private static ModelEvent model(String id, Instant createdAt) {
        return new ModelEvent(ModelEvent.SCHEMA_VERSION, id, "job-" + id, "animals", "v1", Method.SIMCLR,
                List.of("cat", "dog"), Map.of("validationAccuracy", 0.5), StorageLayout.model(id), null, createdAt);
    }

    private void announce(ModelEvent event) {
        kafka().send(Topics.MODEL_EVENTS, event.modelId(), MessageCodec.encode(event));
    }

    private KafkaTestClient kafka() {
        return new KafkaTestClient(bootstrapServers);
    }
}
