package io.semisup.dataset;

import io.restassured.response.ValidatableResponse;
import io.semisup.contracts.Topics;
import io.semisup.contracts.dataset.DatasetEvent;
import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.testing.KafkaTestClient;

import java.time.Duration;

import static io.restassured.RestAssured.given;

/** The dataset-service's API as tests call it, and the events it announces. */
final class DatasetApi {

    private DatasetApi() {
    }

    static String createDataset() {
        return given().contentType("application/json").body("{\"name\": \"animals\"}")
                .when().post("/datasets").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse uploadRaw(String dataset, String split, String className, byte[] bytes,
                                         String contentType) {
        var request = given().contentType(contentType).body(bytes).queryParam("split", split);
        if (className != null) {
            request.queryParam("class", className);
        }
        return request.when().post("/datasets/" + dataset + "/images").then();
    }

    /** @param version the event's version, or null for any */
    static DatasetEvent awaitEvent(String bootstrapServers, String dataset, DatasetEventType type, String version) {
        return MessageCodec.decode(new KafkaTestClient(bootstrapServers).await(Topics.DATASET_EVENTS, r -> {
            DatasetEvent event = MessageCodec.decode(r.value(), DatasetEvent.class);
            return dataset.equals(r.key()) && event.type() == type
                    && (version == null || version.equals(event.version()));
        }, Duration.ofSeconds(30)).value(), DatasetEvent.class);
    }
}
