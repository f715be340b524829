package io.semisup.inference.classify;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.security.Roles;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.inference.TestModels;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.KafkaTestClient;
import io.semisup.testing.LocalStackResource;
import io.semisup.testing.TestCredentials;
import io.semisup.training.export.ModelCard;
import io.semisup.training.export.OnnxExporter;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import io.semisup.training.run.TrainingConfig;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code POST /classify} under load from a separate process (LoadClient) at concurrency 1, 8 and 32, for the CPU
 * benchmark's MobileNetV1 (α=0.5, 32x32) and the study's (α=1.0, 128x128), 10 classes; then a model swap during load.
 * Run: {@code ./mvnw -pl inference-service verify -Dsemisup.benchmark=true -Dtest=ClassifyLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@EnabledIfSystemProperty(named = "semisup.benchmark", matches = "true")
class ClassifyLoadBenchmark {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectStore store;

    @TestHTTPResource("/classify")
    URL classify;

    @Test
    void measure() throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        System.out.println("| model | concurrency | requests/s | p50 ms | p99 ms | errors |");
        Path image = null;
        int day = 1;
        for (double[] model : new double[][]{{1.0, 128}, {0.5, 32}}) {
            int size = (int) model[1];
            String id = "bench-" + size;
            publish(id, model[0], size, Instant.parse("2026-01-0" + day++ + "T00:00:00Z"), kafka);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/models/active").then()
                    .statusCode(200).body("entry.announcement.modelId", equalTo(id)));
            image = Files.createTempFile("bench", ".png");
            Files.write(image, TestModels.png(size, size, BufferedImage.TYPE_INT_RGB));
            for (int c : new int[]{1, 8, 32}) {
                System.out.println("| α=" + model[0] + " " + size + "x" + size + " " + row(c, load(image, c, 10)));
            }
        }
        Process during = start(image, 32, 12);
        Thread.sleep(4000);
        publish("bench-swap", 0.5, 32, Instant.parse("2026-01-09T00:00:00Z"), kafka);
        String swap = output(during);
        System.out.println("swap during load at concurrency 32: " + swap);
    }

    private void publish(String id, double alpha, int size, Instant at, KafkaTestClient kafka) {
        TrainingConfig config = TrainingConfig.builder(Method.SUPERVISED).imageSize(size).widthMultiplier(alpha).build();
        var network = Networks.build(config, 10, Heads.CLASSIFIER);
        List<String> classes = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
        byte[] onnx = OnnxExporter.export(network, new ModelCard(id, "job", "cifar", "v1", "supervised", classes, size, "mobilenet_v1"));
        store.put(StorageLayout.MODELS_BUCKET, StorageLayout.model(id), onnx, "application/octet-stream");
        TestModels.announce(id, at, kafka);
    }

    private String load(Path image, int concurrency, int seconds) throws Exception {
        return output(start(image, concurrency, seconds));
    }

    private Process start(Path image, int concurrency, int seconds) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LoadClient.class.getName(), classify.toString(), image.toString(),
                Integer.toString(concurrency), Integer.toString(seconds), TestCredentials.apiKey(Roles.VIEWER))
                .redirectErrorStream(true).start();
    }

    private static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    private static String row(int concurrency, String line) {
        var m = java.util.regex.Pattern.compile("requests=(\\d+) errors=(\\d+) rps=([\\d.]+) p50_ms=([\\d.]+) p99_ms=([\\d.]+)")
                .matcher(line);
        return m.find() ? String.format("| %d | %s | %s | %s | %s |", concurrency, m.group(3), m.group(4), m.group(5), m.group(2))
                : "| " + concurrency + " | " + line + " |";
    }
}
