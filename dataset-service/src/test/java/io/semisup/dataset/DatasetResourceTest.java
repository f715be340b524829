package io.semisup.dataset;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.Topics;
import io.semisup.contracts.dataset.DatasetEvent;
import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.KafkaTestClient;
import io.semisup.testing.LocalStackResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class DatasetResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @Test
    void aNewDatasetIsStoredAndAnnounced() {
        String id = given().contentType("application/json")
                .body("""
                        {"name": "Animaux", "classes": ["Zèbre", "Buffle d'Afrique"]}""")
                .when().post("/datasets")
                .then().statusCode(201)
                .body("classes", contains("Zèbre", "Buffle d'Afrique"))
                .extract().path("id");

        String stored = new String(store.get(StorageLayout.DATASETS_BUCKET, StorageLayout.datasetRecord(id))
                .orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(stored.contains("Buffle d'Afrique"), stored);

        ConsumerRecord<String, String> record = new KafkaTestClient(bootstrapServers)
                .await(Topics.DATASET_EVENTS, r -> id.equals(r.key()), Duration.ofSeconds(30));
        DatasetEvent event = MessageCodec.decode(record.value(), DatasetEvent.class);
        assertEquals(DatasetEventType.DATASET_CREATED, event.type());

        given().when().get("/datasets/" + id).then().statusCode(200).body("name", equalTo("Animaux"));
    }

    @Test
    void refusalsSayWhy() {
        given().contentType("application/json").body("{\"classes\": [\"cat\"]}")
                .when().post("/datasets")
                .then().statusCode(400).body("error", containsString("needs a name"));
        given().contentType("application/json").body("{\"name\": \"x\", \"classes\": [\"../etc\"]}")
                .when().post("/datasets")
                .then().statusCode(400).body("error", containsString("must not contain"));
        given().when().get("/datasets/no-such-dataset")
                .then().statusCode(404).body("error", containsString("no dataset no-such-dataset"));
        given().when().get("/datasets/..%2Fjobs")
                .then().statusCode(400);
    }
}
