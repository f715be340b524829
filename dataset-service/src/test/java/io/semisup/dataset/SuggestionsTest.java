package io.semisup.dataset;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.Topics;
import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.model.ModelEvent;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.contracts.suggestion.Strategy;
import io.semisup.contracts.suggestion.Suggestions;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.KafkaTestClient;
import io.semisup.testing.LocalStackResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.semisup.dataset.DatasetApi.awaitEvent;
import static io.semisup.dataset.DatasetApi.createDataset;
import static io.semisup.dataset.DatasetApi.uploadRaw;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * A model announced on {@code model-events} with suggestions: the dataset-service takes them in, announces them, and
 * answers what to label next by each strategy, leaving out images labelled since.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class SuggestionsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @Test
    void rankingsAreServedWithoutTheImagesLabelledSince() {
        String dataset = createDataset();
        List<String> ids = unlabeled(dataset, 3);
        announce(dataset, "m-" + UUID.randomUUID(), Instant.now(), ids,
                Map.of(Strategy.MARGIN, List.of(2, 0, 1), Strategy.TYPICLUST, List.of(1, 2, 0),
                        Strategy.RANDOM, List.of(0, 1, 2)));
        awaitEvent(bootstrapServers, dataset, DatasetEventType.SUGGESTIONS_READY, "v1");

        given().get("/datasets/" + dataset + "/suggestions?strategy=margin&limit=2").then().statusCode(200)
                .body("strategy", equalTo("margin"))
                .body("datasetVersion", equalTo("v1"))
                .body("images.imageId", equalTo(List.of(ids.get(2), ids.get(0))))
                .body("images.rank", equalTo(List.of(1, 2)))
                .body("images[0].fileName", equalTo("2.png"))
                .body("images[0].score", equalTo(0.9f))
                .body("images[0].guesses[0].class", equalTo("cat"))
                .body("remaining", equalTo(1))
                .body("labeledSince", equalTo(0))
                .body("strategies", equalTo(List.of("random", "margin", "typiclust")));

        given().contentType("application/json").body("[{\"imageId\": \"" + ids.get(2) + "\", \"class\": \"cat\"}]")
                .when().post("/datasets/" + dataset + "/labels").then().statusCode(200);

        given().get("/datasets/" + dataset + "/suggestions?strategy=margin").then().statusCode(200)
                .body("images.imageId", equalTo(List.of(ids.get(0), ids.get(1))))
                .body("images.rank", equalTo(List.of(1, 2)))
                .body("labeledSince", equalTo(1));
        // No strategy named: TypiClust, the low-budget default.
        given().get("/datasets/" + dataset + "/suggestions").then().statusCode(200)
                .body("strategy", equalTo("typiclust"))
                .body("images.imageId", equalTo(List.of(ids.get(1), ids.get(0))))
                .body("images[0].score", nullValue());
        // A strategy this model did not rank answers an empty page, not an error.
        given().get("/datasets/" + dataset + "/suggestions?strategy=entropy").then().statusCode(200)
                .body("images", hasSize(0));
    }

    @Test
    void anOlderModelNeverReplacesANewerOnesSuggestions() {
        String dataset = createDataset();
        List<String> ids = unlabeled(dataset, 2);
        String newer = "m-new-" + UUID.randomUUID();
        announce(dataset, newer, Instant.now(), ids, Map.of(Strategy.RANDOM, List.of(0, 1)));
        awaitEvent(bootstrapServers, dataset, DatasetEventType.SUGGESTIONS_READY, "v1");

        announce(dataset, "m-old-" + UUID.randomUUID(), Instant.now().minusSeconds(3600), ids,
                Map.of(Strategy.RANDOM, List.of(1, 0)));
        // model-events has one partition: once a later announcement is taken in, the older one has been judged.
        String other = createDataset();
        announce(other, "m-" + UUID.randomUUID(), Instant.now(), unlabeled(other, 1),
                Map.of(Strategy.RANDOM, List.of(0)));
        awaitEvent(bootstrapServers, other, DatasetEventType.SUGGESTIONS_READY, "v1");

        given().get("/datasets/" + dataset + "/suggestions?strategy=random").then().statusCode(200)
                .body("modelId", equalTo(newer))
                .body("images.imageId", equalTo(ids));
    }

    @Test
    void refusalsSayWhy() {
        String dataset = createDataset();
        given().get("/datasets/" + dataset + "/suggestions").then().statusCode(404)
                .body("error", containsString("has no suggestions yet"));
        given().get("/datasets/nope/suggestions").then().statusCode(404);
        given().get("/datasets/" + dataset + "/suggestions?strategy=smart").then().statusCode(400)
                .body("error", containsString("unknown strategy 'smart', expected one of random, least-confidence"));
        given().get("/datasets/" + dataset + "/suggestions?limit=0").then().statusCode(400)
                .body("error", containsString("limit must be a whole number between 1 and 1000"));
        given().get("/datasets/" + dataset + "/suggestions?limit=many").then().statusCode(400);
    }

    @Test
    void anAnnouncementWhoseSuggestionsAreMissingIsADeadLetter() {
        String dataset = createDataset();
        String model = "m-" + UUID.randomUUID();
        ModelEvent event = new ModelEvent(ModelEvent.SCHEMA_VERSION, model, model, dataset, "v1", Method.FIXMATCH,
                List.of("cat", "dog"), Map.of(), StorageLayout.model(model), StorageLayout.reportPrefix(model),
                StorageLayout.reportFile(model, Suggestions.FILE), Instant.now());
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        kafka.send(Topics.MODEL_EVENTS, model, MessageCodec.encode(event));

        kafka.awaitDeadLetter(model, "do not exist", Duration.ofSeconds(30));
        given().get("/datasets/" + dataset + "/suggestions").then().statusCode(404);
    }

    /** Uploads n distinct unlabelled images named 0.png, 1.png, ...; their ids in that order. */
    private static List<String> unlabeled(String dataset, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(given().contentType("multipart/form-data").multiPart("split", "unlabeled")
                    .multiPart("file", i + ".png", TestImages.png(), "image/png")
                    .when().post("/datasets/" + dataset + "/images").then().statusCode(200)
                    .extract().path("[0].id"));
        }
        return ids;
    }

    /** Stores suggestions as the trainer does (each image's margin score 0.9, 0.8, ...) and announces the model. */
    private void announce(String dataset, String model, Instant createdAt, List<String> ids,
                          Map<Strategy, List<Integer>> rankings) {
        List<Suggestions.ScoredImage> images = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            images.add(new Suggestions.ScoredImage(ids.get(i), List.of(new Suggestions.Guess("cat", 0.6)),
                    Map.of(Strategy.MARGIN, 0.9 - 0.1 * (ids.size() - 1 - i)), i));
        }
        Suggestions suggestions = new Suggestions(Suggestions.SCHEMA_VERSION, List.of("cat", "dog"), images, rankings);
        String key = StorageLayout.reportFile(model, Suggestions.FILE);
        store.put(StorageLayout.JOBS_BUCKET, key, MessageCodec.encode(suggestions).getBytes(StandardCharsets.UTF_8),
                "application/json");
        ModelEvent event = new ModelEvent(ModelEvent.SCHEMA_VERSION, model, model, dataset, "v1", Method.FIXMATCH,
                List.of("cat", "dog"), Map.of(), StorageLayout.model(model), StorageLayout.reportPrefix(model), key,
                createdAt);
        new KafkaTestClient(bootstrapServers).send(Topics.MODEL_EVENTS, model, MessageCodec.encode(event));
    }
}
