package io.semisup.inference.model;

import io.restassured.http.ContentType;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.Topics;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.inference.TestModels;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.KafkaTestClient;
import io.semisup.testing.LocalStackResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference-service end to end against the real Kafka broker and S3 server: models announced on model-events
 * (exported by the trainer's exporter), classification, bad input, refused models, hot swap under load, pinning.
 * One application serves the whole class, so the tests run in order.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelServingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @Test
    @Order(1)
    void withoutAModelTheServiceIsNotReadyAndSaysSo() {
        given().get("/q/health/ready").then().statusCode(503).body(containsString("no model is active yet"));
        given().contentType("image/png").body(TestModels.png(20, 20, BufferedImage.TYPE_INT_RGB))
                .post("/classify").then().statusCode(503).body("error", containsString("no model is active yet"));
    }

    @Test
    @Order(2)
    void theAnnouncedModelServesClassifications() {
        TestModels.publish("m1", T0, store, kafka());
        awaitActive("m1");
        given().get("/models/active").then().statusCode(200)
                .body("provider", equalTo("CPU")).body("pinned", equalTo(false))
                // A model this small costs less per image than the request path: one single-threaded call at a time.
                .body("threads", equalTo(1)).body("parallelCalls", equalTo(1))
                .body("metadata.classes", equalTo(TestModels.CLASSES)).body("entry.status", equalTo("ACTIVE"));
        given().get("/q/health/ready").then().statusCode(200);

        List<Number> probabilities = given().contentType("image/png")
                .body(TestModels.png(40, 30, BufferedImage.TYPE_INT_RGB)).queryParam("k", 3).post("/classify")
                .then().statusCode(200).body("modelId", equalTo("m1")).body("labels", hasSize(3))
                .body("labels.label", hasItem("fish")).extract().path("labels.probability");
        double p0 = probabilities.get(0).doubleValue();
        double p1 = probabilities.get(1).doubleValue();
        double p2 = probabilities.get(2).doubleValue();
        assertEquals(1.0, p0 + p1 + p2, 1e-4, "probabilities " + probabilities);
        assertTrue(p0 >= p1 && p1 >= p2, "labels are not sorted: " + probabilities);

        // Grayscale, RGBA, any size; multipart too; k defaults to 5 but there are only 3 classes.
        for (int type : new int[]{BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB}) {
            given().contentType("image/png").body(TestModels.png(7, 300, type)).queryParam("k", 1).post("/classify")
                    .then().statusCode(200).body("labels", hasSize(1));
        }
        given().multiPart("image", "x.png", TestModels.png(16, 16, BufferedImage.TYPE_INT_RGB), "image/png")
                .post("/classify").then().statusCode(200).body("labels", hasSize(3));
        // Above inline-max-pixels: decoded on a worker thread, not the event loop; the same answer.
        given().contentType("image/png").body(TestModels.png(400, 300, BufferedImage.TYPE_INT_RGB)).post("/classify")
                .then().statusCode(200).body("modelId", equalTo("m1")).body("labels", hasSize(3));
    }

    @Test
    @Order(3)
    void badImagesGetAReasonAndNeverA500() {
        given().contentType("image/png").body("not an image".getBytes()).post("/classify")
                .then().statusCode(415).body("error", containsString("not an image"));
        byte[] png = TestModels.png(40, 40, BufferedImage.TYPE_INT_RGB);
        given().contentType("image/png").body(Arrays.copyOf(png, png.length / 2)).post("/classify")
                .then().statusCode(400).body("error", containsString("cannot decode"));
        byte[] large = TestModels.png(400, 300, BufferedImage.TYPE_INT_RGB); // decoded on a worker thread
        given().contentType("image/png").body(Arrays.copyOf(large, large.length / 2)).post("/classify")
                .then().statusCode(400).body("error", containsString("cannot decode"));
        given().contentType("image/png").body(new byte[0]).post("/classify")
                .then().statusCode(400).body("error", containsString("empty"));
        given().contentType("image/png").body(new byte[150_000]).post("/classify")
                .then().statusCode(413).body("error", containsString("limit"));
        // A few hundred bytes declaring 144 megapixels: refused from the header, never decoded.
        given().contentType("image/png").body(TestModels.pngDeclaring(12_000, 12_000)).post("/classify")
                .then().statusCode(413).body("error", equalTo("image is 12000x12000 pixels, the limit is 40000000 pixels"));
        given().contentType("image/png").body(png).queryParam("k", 0).post("/classify")
                .then().statusCode(400).body("error", containsString("k must be"));
        given().contentType("image/png").body(png).queryParam("k", "abc").post("/classify")
                .then().statusCode(400).body("error", equalTo("k must be a whole number, got 'abc'"));
        given().contentType(ContentType.MULTIPART).multiPart("other", "x.png", png, "image/png").post("/classify")
                .then().statusCode(400).body("error", containsString("'image'"));

        given().multiPart("image", "good.png", png, "image/png")
                .multiPart("image", "bad.txt", "hello".getBytes(), "text/plain")
                .multiPart("image", "good2.png", TestModels.png(9, 9, BufferedImage.TYPE_BYTE_GRAY), "image/png")
                .post("/classify/batch")
                .then().statusCode(200).body("file", equalTo(List.of("good.png", "bad.txt", "good2.png")))
                .body("status", equalTo(List.of(200, 415, 200)))
                .body("[0].prediction.modelId", equalTo("m1")).body("[1].prediction", nullValue())
                .body("[1].error", containsString("not an image"));
    }

    @Test
    @Order(4)
    void badAnnouncementsAndCorruptModelsAreRefusedWhileTheOldModelServes() {
        kafka().send(Topics.MODEL_EVENTS, "garbage", "]]");
        TestModels.announce("no-artifact", T0.plusSeconds(10), kafka());
        store.put(StorageLayout.MODELS_BUCKET, StorageLayout.model("corrupt"), new byte[]{1, 2, 3, 4},
                "application/octet-stream");
        TestModels.announce("corrupt", T0.plusSeconds(20), kafka());

        kafka().awaitDeadLetter("garbage", "not valid JSON", TIMEOUT);
        kafka().awaitDeadLetter("no-artifact", "artifact models/no-artifact/model.onnx does not exist", TIMEOUT);
        kafka().awaitDeadLetter("corrupt", "refused", TIMEOUT);
        given().get("/models").then().statusCode(200)
                .body("find { it.announcement.modelId == 'corrupt' }.status", equalTo("REFUSED"))
                .body("find { it.announcement.modelId == 'corrupt' }.reason", containsString("ONNX"));
        given().get("/models/active").then().statusCode(200).body("entry.announcement.modelId", equalTo("m1"));
        given().contentType("image/png").body(TestModels.png(20, 20, BufferedImage.TYPE_INT_RGB)).post("/classify")
                .then().statusCode(200).body("modelId", equalTo("m1"));
    }

    @Test
    @Order(5)
    void aNewModelTakesOverUnderLoadWithoutAFailedRequest() throws Exception {
        byte[] image = TestModels.png(24, 24, BufferedImage.TYPE_INT_RGB);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Set<String> servedBy = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> loops = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            loops.add(clients.submit(() -> {
                while (running.get()) {
                    var response = given().contentType("image/png").body(image).post("/classify").then().extract();
                    if (response.statusCode() == 200) {
                        servedBy.add(response.path("modelId"));
                        ok.incrementAndGet();
                    } else {
                        synchronized (failures) {
                            failures.add(response.statusCode() + " " + response.body().asString());
                        }
                    }
                }
            }));
        }
        await().atMost(TIMEOUT).until(() -> ok.get() > 20);
        TestModels.publish("m2", T0.plusSeconds(100), store, kafka());
        awaitActive("m2");
        int afterSwap = ok.get();
        await().atMost(TIMEOUT).until(() -> ok.get() > afterSwap + 20);
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get();
        }
        clients.shutdown();
        assertEquals(List.of(), failures);
        assertEquals(Set.of("m1", "m2"), servedBy);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("semisup_inference_batch_size_count"))
                .body(containsString("semisup_inference_classify_seconds_count"))
                .body(containsString("semisup_inference_images_total")).body(containsString("model=\"m2\""));
    }

    @Test
    @Order(6)
    void aPinnedModelServesUntilUnpinned() {
        given().contentType("application/json").body("{\"modelId\": \"m1\"}").put("/models/active")
                .then().statusCode(200).body("entry.announcement.modelId", equalTo("m1")).body("pinned", equalTo(true));
        TestModels.publish("m3", T0.plusSeconds(200), store, kafka());
        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/models").then()
                .body("announcement.modelId", hasItem("m3")));
        given().contentType("image/png").body(TestModels.png(20, 20, BufferedImage.TYPE_INT_RGB)).post("/classify")
                .then().statusCode(200).body("modelId", equalTo("m1"));

        given().contentType("application/json").body("{\"modelId\": \"nope\"}").put("/models/active")
                .then().statusCode(404).body("error", containsString("nope"));
        given().contentType("application/json").body("{\"modelId\": \"corrupt\"}").put("/models/active")
                .then().statusCode(422).body("error", containsString("cannot serve"));
        given().get("/models/active").then().body("entry.announcement.modelId", equalTo("m1"));

        given().delete("/models/active/pin").then().statusCode(200)
                .body("entry.announcement.modelId", equalTo("m3")).body("pinned", equalTo(false));
    }

    private void awaitActive(String modelId) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/models/active").then().statusCode(200)
                .body("entry.announcement.modelId", equalTo(modelId)));
    }

    private KafkaTestClient kafka() {
        return new KafkaTestClient(bootstrapServers);
    }
}
