package io.semisup.dataset;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.dataset.DatasetEvent;
import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.LocalStackResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.semisup.dataset.DatasetApi.createDataset;
import static io.semisup.dataset.DatasetApi.uploadRaw;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class DatasetImagesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @Test
    void uploadOneDetectDuplicatesListDownloadAndDelete() {
        String dataset = createDataset();
        byte[] png = TestImages.png();

        String id = uploadRaw(dataset, "labeled", "Zèbre", png, "image/png")
                .statusCode(201).body("duplicate", equalTo(false)).extract().path("image.id");
        uploadRaw(dataset, "validation", "Zèbre", png, "image/png")
                .statusCode(200).body("duplicate", equalTo(true)).body("image.id", equalTo(id))
                .body("image.split", equalTo("labeled"));
        uploadRaw(dataset, "unlabeled", null, TestImages.jpeg(), "image/jpeg").statusCode(201);

        given().get("/datasets/" + dataset).then().statusCode(200)
                .body("countsBySplit.labeled", equalTo(1))
                .body("countsBySplit.unlabeled", equalTo(1))
                .body("countsByClass.labeled.'Zèbre'", equalTo(1))
                .body("classes", equalTo(List.of("Zèbre")));
        given().get("/datasets/" + dataset + "/images?split=labeled").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
        given().get("/datasets/" + dataset + "/images?size=1&page=1").then().statusCode(200)
                .body("total", equalTo(2)).body("items", hasSize(1)).body("items[0].split", equalTo("unlabeled"));
        given().get("/datasets/" + dataset + "/images?size=abc").then().statusCode(400)
                .body("error", equalTo("size must be a whole number, got 'abc'"));
        byte[] downloaded = given().get("/datasets/" + dataset + "/images/" + id).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertArrayEquals(png, downloaded);
        assertEquals(2, storedImages(dataset));

        given().delete("/datasets/" + dataset + "/images/" + id).then().statusCode(204);
        given().get("/datasets/" + dataset + "/images/" + id).then().statusCode(404);
        assertEquals(1, storedImages(dataset));
        awaitEvent(dataset, DatasetEventType.IMAGES_REMOVED);
    }

    @Test
    void everyRefusalSaysWhyAndStoresNothing() {
        String dataset = createDataset();
        uploadRaw(dataset, "labeled", "cat", "hello, not an image".getBytes(), "image/png")
                .statusCode(415).body("error", containsString("not an image"));
        uploadRaw(dataset, "labeled", "cat", TestImages.truncatedJpeg(), "image/jpeg")
                .statusCode(422).body("error", containsString("corrupt or truncated jpeg"));
        uploadRaw(dataset, "labeled", "cat", new byte[300_001], "image/png")
                .statusCode(413).body("error", containsString("the limit"));
        uploadRaw(dataset, "labeled", "cat", TestImages.image("png", 1100, 1000), "image/png")
                .statusCode(413).body("error", containsString("1100x1000 pixels"));
        uploadRaw(dataset, "labeled", "../cat", TestImages.png(), "image/png")
                .statusCode(400).body("error", containsString("must not contain"));
        uploadRaw(dataset, "labeled", null, TestImages.png(), "image/png")
                .statusCode(400).body("error", containsString("need a class"));
        uploadRaw(dataset, "training", "cat", TestImages.png(), "image/png")
                .statusCode(400).body("error", containsString("unknown split 'training'"));
        uploadRaw("no-such-dataset", "labeled", "cat", TestImages.png(), "image/png").statusCode(404);

        assertEquals(0, storedImages(dataset));
        given().get("/datasets/" + dataset).then().body("totalBytes", equalTo(0));
    }

    @Test
    void aBatchAnswersForEachFile() {
        String dataset = createDataset();
        byte[] same = TestImages.png();
        given().multiPart("split", "test").multiPart("class", "dog")
                .multiPart("file", "a.png", same, "image/png")
                .multiPart("file", "b.txt", "text".getBytes(), "text/plain")
                .multiPart("file", "c.png", same, "image/png")
                .multiPart("file", "d.jpg", TestImages.jpeg(), "image/jpeg")
                .when().post("/datasets/" + dataset + "/images")
                .then().statusCode(200)
                .body("status", equalTo(List.of("accepted", "refused", "duplicate", "accepted")))
                .body("[1].code", equalTo(415))
                .body("[1].reason", containsString("not an image"));
        assertEquals(2, storedImages(dataset));
    }

    @Test
    void archivesImportInTheDatasetLayout() {
        String dataset = createDataset();
        byte[] zip = TestImages.zip(TestImages.entries(
                "my-data/labeled/Buffle d'Afrique/1.png", TestImages.png(),
                "my-data/labeled/Zèbre/2.jpg", TestImages.jpeg(),
                "my-data/unlabeled/3.png", TestImages.png(),
                "my-data/validation/Zèbre/4.png", TestImages.png(),
                "my-data/test/Zèbre/5.png", TestImages.png(),
                "my-data/README.txt", "hello".getBytes(),
                "my-data/unlabeled/6.png", "broken".getBytes()));
        given().contentType("application/zip").body(zip).when().post("/datasets/" + dataset + "/archive")
                .then().statusCode(200)
                .body("accepted", equalTo(5))
                .body("acceptedBySplit.labeled", equalTo(2))
                .body("refused.file", equalTo(List.of("my-data/README.txt", "my-data/unlabeled/6.png")))
                .body("refused[0].reason", containsString("not in the dataset layout"));
        byte[] tarGz = TestImages.tarGz(TestImages.entries("unlabeled/7.png", TestImages.png()));
        given().contentType("application/gzip").body(tarGz).when().post("/datasets/" + dataset + "/archive")
                .then().statusCode(200).body("accepted", equalTo(1));
        assertEquals(6, storedImages(dataset));
        given().get("/datasets/" + dataset).then()
                .body("classes", equalTo(List.of("Buffle d'Afrique", "Zèbre")))
                .body("countsBySplit.unlabeled", equalTo(2));
    }

    @Test
    void hostileArchivesAreRefusedWholeAndLeaveNothing() {
        String dataset = createDataset();
        byte[] zipSlip = TestImages.zip(TestImages.entries(
                "labeled/cat/ok.png", TestImages.png(),
                "labeled/cat/../../../../evil.png", TestImages.png()));
        given().contentType("application/zip").body(zipSlip).when().post("/datasets/" + dataset + "/archive")
                .then().statusCode(400).body("error", containsString("escapes the archive"));
        byte[] symlink = TestImages.tarGz(TestImages.entries(
                "unlabeled/ok.png", TestImages.png(),
                "unlabeled/passwd.png", null));
        given().contentType("application/gzip").body(symlink).when().post("/datasets/" + dataset + "/archive")
                .then().statusCode(400).body("error", containsString("is a link"));
        given().contentType("application/zip").body("not an archive".getBytes())
                .when().post("/datasets/" + dataset + "/archive")
                .then().statusCode(415);

        assertEquals(0, storedImages(dataset));
        given().get("/datasets/" + dataset).then().body("countsBySplit.labeled", equalTo(0))
                .body("countsBySplit.unlabeled", equalTo(0));
    }

    @Test
    void labellingAndVersions() {
        String dataset = createDataset();
        uploadRaw(dataset, "labeled", "cat", TestImages.png(), "image/png").statusCode(201);
        String unlabeled = uploadRaw(dataset, "unlabeled", null, TestImages.png(), "image/png")
                .statusCode(201).extract().path("image.id");
        String other = uploadRaw(dataset, "unlabeled", null, TestImages.png(), "image/png")
                .statusCode(201).extract().path("image.id");

        given().post("/datasets/" + dataset + "/versions").then().statusCode(201)
                .body("version", equalTo("v1"))
                .body("newLabels", equalTo(1))
                .body("images", hasSize(3));

        given().contentType("application/json").body(List.of(Map.of("imageId", unlabeled, "class", "dog")))
                .when().post("/datasets/" + dataset + "/labels")
                .then().statusCode(200).body("[0].split", equalTo("labeled")).body("[0].className", equalTo("dog"));
        given().contentType("application/json").body(List.of(
                        Map.of("imageId", other, "class", "dog"),
                        Map.of("imageId", unlabeled, "class", "cat")))
                .when().post("/datasets/" + dataset + "/labels")
                .then().statusCode(400).body("error", containsString("not unlabeled"));
        given().get("/datasets/" + dataset + "/images/" + other).then().statusCode(200);
        given().get("/datasets/" + dataset + "/images?split=unlabeled").then().body("total", equalTo(1));
        awaitEvent(dataset, DatasetEventType.IMAGES_LABELED);

        // a version keeps the images it holds, even when they leave the dataset
        given().delete("/datasets/" + dataset + "/images/" + other).then().statusCode(204);
        assertEquals(3, storedImages(dataset));

        given().post("/datasets/" + dataset + "/versions").then().statusCode(201)
                .body("version", equalTo("v2")).body("newLabels", equalTo(1))
                .body("countsBySplit.labeled", equalTo(2)).body("images", hasSize(2));
        DatasetEvent v2 = awaitEvent(dataset, DatasetEventType.VERSION_CREATED, "v2");
        assertEquals(1, v2.newLabels());
        assertEquals(2L, v2.countsBySplit().get("labeled"));
        given().get("/datasets/" + dataset + "/versions").then().body("", equalTo(List.of("v1", "v2")));
        given().get("/datasets/" + dataset + "/versions/v1").then().statusCode(200).body("images", hasSize(3));
        given().get("/datasets/" + dataset + "/versions/v9").then().statusCode(404);

        given().delete("/datasets/" + dataset).then().statusCode(204);
        given().get("/datasets/" + dataset).then().statusCode(404);
        assertEquals(List.of(), store.list(StorageLayout.DATASETS_BUCKET, StorageLayout.datasetPrefix(dataset)));
    }

    private int storedImages(String dataset) {
        return store.list(StorageLayout.DATASETS_BUCKET, StorageLayout.datasetPrefix(dataset) + "images/").size();
    }

    private DatasetEvent awaitEvent(String dataset, DatasetEventType type) {
        return DatasetApi.awaitEvent(bootstrapServers, dataset, type, null);
    }

    private DatasetEvent awaitEvent(String dataset, DatasetEventType type, String version) {
        return DatasetApi.awaitEvent(bootstrapServers, dataset, type, version);
    }
}
