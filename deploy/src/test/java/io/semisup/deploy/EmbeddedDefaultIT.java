package io.semisup.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.dataset.ShapesDataset;
import io.semisup.contracts.Topics;
import io.semisup.contracts.dataset.DatasetEvent;
import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.job.Hyperparameters;
import io.semisup.contracts.job.JobState;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.job.TrainingEvent;
import io.semisup.contracts.job.TrainingJob;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.model.ModelEvent;
import io.semisup.contracts.security.ApiKeys;
import io.semisup.localstack.LocalStack;
import io.semisup.testing.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole platform as a user runs it: {@code deploy/semisup.sh} starts the local stack and the three packaged
 * services on free ports, the main job runs through the command-line client, jobs arrive over Kafka, a trainer
 * process is killed mid-job and resumes, labelling the suggested images retrains and suggests again, the web console
 * drives the whole loop in a real browser, and {@code down} leaves no process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDefaultIT {

    private static final Path SCRIPT = Path.of("semisup.sh").toAbsolutePath();
    private static final List<String> SERVICES = List.of("dataset-service", "trainer-service", "inference-service");
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path runDir;
    private KafkaTestClient kafka;
    private String datasetId;

    @BeforeAll
    void up() throws Exception {
        runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "run-");
        int kafkaPort = LocalStack.freePort();
        env.put("SEMISUP_RUN_DIR", runDir.toString());
        env.put("SEMISUP_KAFKA_PORT", String.valueOf(kafkaPort));
        env.put("SEMISUP_S3_PORT", String.valueOf(LocalStack.freePort()));
        for (String service : SERVICES) {
            ports.put(service, LocalStack.freePort());
        }
        env.put("SEMISUP_DATASET_PORT", ports.get("dataset-service").toString());
        env.put("SEMISUP_TRAINER_PORT", ports.get("trainer-service").toString());
        env.put("SEMISUP_INFERENCE_PORT", ports.get("inference-service").toString());
        ports.put("console", LocalStack.freePort());
        env.put("SEMISUP_CONSOLE_PORT", ports.get("console").toString());
        Result up = run("up", "--no-build");
        assertEquals(0, up.exitCode(), up.output());
        kafka = new KafkaTestClient("127.0.0.1:" + kafkaPort);
    }

    @AfterAll
    void downLeavesNoProcess() throws Exception {
        List<Long> pids = new ArrayList<>();
        for (String name : List.of("local-stack", "dataset-service", "trainer-service", "inference-service", "console")) {
            Path pidFile = runDir.resolve("pids/" + name + ".pid");
            if (Files.exists(pidFile)) {
                pids.add(Long.parseLong(Files.readString(pidFile).trim()));
            }
        }
        Result down = run("down");
        assertEquals(0, down.exitCode(), down.output());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " survived");
        }
        assertTrue(run("status").output().contains("nothing is running"));
    }

    @Test
    @Order(1)
    void everyServiceIsUpAndInferenceWaitsForItsFirstModel() throws Exception {
        for (String service : SERVICES) {
            HttpResponse<String> live = get(service, "/q/health/live");
            assertEquals(200, live.statusCode(), service + ": " + live.body());
            HttpResponse<String> ready = get(service, "/q/health/ready");
            if (service.equals("inference-service")) {
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("no model is active yet"), ready.body());
            } else {
                assertEquals(200, ready.statusCode(), service + ": " + ready.body());
            }
        }
        assertTrue(run("status").output().contains("not ready (no model is active yet)"));
    }

    /** Authentication is on: the first start made an owner-only admin key, and nothing is served without a key. */
    @Test
    @Order(1)
    void theFirstStartMadeAnAdminKeyAndEveryServiceWantsOne() throws Exception {
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(runDir.resolve("security/admin.key")));
        for (String service : SERVICES) {
            String path = service.equals("inference-service") ? "/models" : service.equals("trainer-service")
                    ? "/jobs" : "/datasets";
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri(service, path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), service + ": " + anonymous.body());
            assertEquals(200, get(service, path).statusCode(), service);
        }
    }

    /** The README's first command, shortened: the generated dataset, a few epochs, the held-back images classified. */
    @Test
    @Order(2)
    void theMainJobImportsTrainsServesAndClassifies() throws Exception {
        Result demo = run("demo", "--no-build", "--epochs", "3", "--width", "0.25");
        assertEquals(0, demo.exitCode(), demo.output());
        Matcher accuracy = Pattern.compile("test accuracy of model (\\S+): ([0-9.]+)% \\(200 images").matcher(demo.output());
        assertTrue(accuracy.find(), demo.output());
        for (String shape : ShapesDataset.CLASSES) {
            assertTrue(Pattern.compile("(?m)^" + shape + "\\s+[0-9.]+%").matcher(demo.output()).find(), demo.output());
        }
        assertTrue(demo.output().contains("/report/accuracy.png"), demo.output());
        // What the demo printed is what the platform holds: the job succeeded and its model serves.
        JsonNode job = json(get("trainer-service", "/jobs/" + accuracy.group(1)));
        assertEquals("SUCCEEDED", job.path("state").asText());
        assertEquals(accuracy.group(1), json(get("inference-service", "/models/active"))
                .path("entry").path("announcement").path("modelId").asText());
        datasetId = job.path("job").path("datasetId").asText();
    }

    @Test
    @Order(3)
    void aJobFromKafkaIsTrainedOnAFreshVersionAnnouncedAndServed() throws Exception {
        TrainingJob job = TrainingJob.of("kafka-" + UUID.randomUUID(), datasetId, null, Method.SUPERVISED, tiny(2));
        kafka.send(Topics.TRAINING_JOBS, job.jobId(), MessageCodec.encode(job));

        awaitState(job.jobId(), JobState.SUCCEEDED);
        ModelEvent model = MessageCodec.decode(
                kafka.await(Topics.MODEL_EVENTS, r -> job.jobId().equals(r.key()), JOB_TIMEOUT).value(), ModelEvent.class);
        assertEquals(ShapesDataset.CLASSES, model.classes());
        assertEquals("v2", model.datasetVersion(), "the demo's job froze v1; this job asked for a fresh version");
        // ... with the trainer-service's own key (role trainer), as the dataset-service's audit line says.
        assertTrue(Files.readString(runDir.resolve("logs/dataset-service.log")).contains(
                "audit who=trainer-service action=\"POST /datasets/" + datasetId + "/versions\" status=201"),
                "the trainer-service froze the version with its own key");
        awaitServed(job.jobId());

        Path image = ShapesDataset.write(Files.createTempDirectory("shapes-"), new ShapesDataset.Sizes(1, 0, 0, 0), 5,
                n -> { }).labeled("labeled").get(0).file();
        HttpResponse<String> answer = http.send(request("inference-service", "/classify")
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofFile(image)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode prediction = MessageCodec.mapper().readTree(answer.body());
        assertEquals(job.jobId(), prediction.path("modelId").asText());
        assertTrue(ShapesDataset.CLASSES.contains(prediction.path("labels").path(0).path("label").asText()), answer.body());
    }

    @Test
    @Order(4)
    void aTrainerKilledMidJobResumesFromItsLastCheckpoint() throws Exception {
        TrainingJob job = TrainingJob.of("killed-" + UUID.randomUUID(), datasetId, "v1", Method.SUPERVISED, tiny(5));
        kafka.send(Topics.TRAINING_JOBS, job.jobId(), MessageCodec.encode(job));
        kafka.await(Topics.TRAINING_EVENTS, r -> job.jobId().equals(r.key()) && event(r).epoch() != null
                && event(r).epoch() == 2 && !event(r).withinEpoch(), JOB_TIMEOUT);

        long pid = Long.parseLong(Files.readString(runDir.resolve("pids/trainer-service.pid")).trim());
        ProcessHandle trainer = ProcessHandle.of(pid).orElseThrow();
        assertTrue(trainer.destroyForcibly(), "kill -9 the trainer");
        trainer.onExit().get(30, TimeUnit.SECONDS);
        Result up = run("up", "--no-build");
        assertEquals(0, up.exitCode(), up.output());
        assertTrue(up.output().contains("starting trainer-service"), up.output());

        awaitState(job.jobId(), JobState.SUCCEEDED);
        JsonNode record = json(get("trainer-service", "/jobs/" + job.jobId()));
        assertEquals(2, record.path("attempts").asInt(), record.toString());
        List<Integer> epochs = new ArrayList<>();
        record.path("epochs").forEach(e -> epochs.add(e.path("epoch").asInt()));
        // Epochs 1 and 2 came from before the kill; the resumed run went on from 3, each epoch trained once.
        assertEquals(List.of(1, 2, 3, 4, 5), epochs, record.toString());
        assertTrue(kafka.collect(Topics.TRAINING_EVENTS, r -> job.jobId().equals(r.key()), Duration.ofSeconds(2))
                .stream().anyMatch(r -> String.valueOf(event(r).message()).contains("continuing from the checkpoint")));
        assertEquals(1, kafka.collect(Topics.MODEL_EVENTS, r -> job.jobId().equals(r.key()), Duration.ofSeconds(2)).size());
    }

    /**
     * The labelling loop: the newest model's suggestions, labelled through the client as the model guesses, retrain
     * the dataset's model through Kafka, and the new model brings new suggestions without the labelled images.
     */
    @Test
    @Order(5)
    void labellingTheSuggestedImagesRetrainsTheModelWhichSuggestsAgain() throws Exception {
        HttpResponse<String> policy = send("trainer-service", "/retraining/" + datasetId, "PUT", "application/json",
                HttpRequest.BodyPublishers.ofString("{\"enabled\": true, \"minNewLabels\": 4}"));
        assertEquals(200, policy.statusCode(), policy.body());

        Path suggested = Files.createTempDirectory("suggested-");
        Result suggest = run("cli", "suggest", datasetId, "--strategy", "margin", "-n", "4", "--out",
                suggested.toString());
        assertEquals(0, suggest.exitCode(), suggest.output());
        List<String> rows = Files.readAllLines(suggested.resolve("labels.csv"));
        assertEquals("image,class,file,guess,probability", rows.get(0));
        assertEquals(5, rows.size(), rows.toString());
        List<String> filled = new ArrayList<>(List.of(rows.get(0)));
        Set<String> labelled = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            assertTrue(Files.size(suggested.resolve(cells[2])) > 0, cells[2] + " was not written");
            labelled.add(cells[0]);
            cells[1] = cells[3]; // the person agrees with the model's guess
            filled.add(String.join(",", cells));
        }
        Files.write(suggested.resolve("labels.csv"), filled);
        Result label = run("cli", "label", datasetId, suggested.resolve("labels.csv").toString());
        assertEquals(0, label.exitCode(), label.output());
        assertTrue(label.output().contains("4 images labelled"), label.output());
        // The same model's suggestions leave the labelled images out at once.
        JsonNode before = json(get("dataset-service", "/datasets/" + datasetId + "/suggestions?strategy=margin"));
        before.path("images").forEach(i -> assertFalse(labelled.contains(i.path("imageId").asText()), i.toString()));

        ConsumerRecord<String, String> retrained = kafka.await(Topics.MODEL_EVENTS, r -> {
            ModelEvent m = MessageCodec.decode(r.value(), ModelEvent.class);
            return m.datasetId().equals(datasetId) && m.datasetVersion().equals("v3");
        }, JOB_TIMEOUT);
        ModelEvent model = MessageCodec.decode(retrained.value(), ModelEvent.class);
        JsonNode job = json(get("trainer-service", "/jobs/" + model.jobId()));
        assertEquals("SUCCEEDED", job.path("state").asText());
        assertEquals(json(get("trainer-service", "/retraining/" + datasetId)).path("lastJobId").asText(), model.jobId());
        // It repeats the dataset's latest successful job: same method and settings.
        assertEquals("supervised", job.path("job").path("method").asText());
        assertEquals(32, job.path("job").path("hyperparameters").path("imageSize").asInt());

        // The new model's suggestions are announced and rank v3's unlabelled images: the labelled ones are not there.
        kafka.await(Topics.DATASET_EVENTS, r -> datasetId.equals(r.key())
                && MessageCodec.decode(r.value(), DatasetEvent.class).type() == DatasetEventType.SUGGESTIONS_READY
                && "v3".equals(MessageCodec.decode(r.value(), DatasetEvent.class).version()), Duration.ofMinutes(1));
        JsonNode after = json(get("dataset-service", "/datasets/" + datasetId + "/suggestions?limit=1000"));
        assertEquals(model.modelId(), after.path("modelId").asText());
        assertEquals("typiclust", after.path("strategy").asText());
        assertEquals(0, after.path("labeledSince").asInt(), after.toString());
        assertTrue(after.path("images").size() > 100, "the demo's 800 unlabelled images, ranked");
        after.path("images").forEach(i -> assertFalse(labelled.contains(i.path("imageId").asText()), i.toString()));
    }

    /** The loop again, as a person does it in the web console (README, web console), in Debian's Chromium. */
    @Test
    @Order(6)
    void theWebConsoleDrivesTheLoopInARealBrowser() throws Exception {
        Assumptions.assumeTrue(ConsoleBrowser.available(), ConsoleBrowser.MISSING);
        // Uploads and labels below stay under the policy's count: the one job here is the one the console submits.
        HttpResponse<String> policy = send("trainer-service", "/retraining/" + datasetId, "PUT", "application/json",
                HttpRequest.BodyPublishers.ofString("{\"enabled\": true, \"minNewLabels\": 100}"));
        assertEquals(200, policy.statusCode(), policy.body());
        Path work = Files.createTempDirectory(runDir, "console-");
        try (ConsoleBrowser browser = ConsoleBrowser.start("http://127.0.0.1:" + ports.get("console"),
                Path.of("target/console-screenshots").toAbsolutePath())) {
            ConsoleWalkthrough console = new ConsoleWalkthrough(browser, datasetId, work);
            console.signIn(ApiKeys.read(runDir.resolve("security/admin.key")));
            console.uploadAnArchive();
            console.labelAFewImages();
            console.trainAndFollow();
            console.pinAndClassify();
            console.cancelAJob();
            console.atAPhonesWidth();
            Path viewerKey = runDir.resolve("security/viewer.key");
            Result key = run("cli", "key", "add", "viewer-in-a-browser", "viewer", "--keys-file",
                    runDir.resolve("security/api-keys").toString(), "--out", viewerKey.toString());
            assertEquals(0, key.exitCode(), key.output());
            console.asAViewer(ApiKeys.read(viewerKey));
        }
    }

    /** Small and quick: 32x32 inputs, a quarter-width MobileNetV1. */
    private static Hyperparameters tiny(int epochs) {
        return new Hyperparameters(epochs, 16, 32, 0.25, null, 3e-3, 11L, null, null, 0, null, "standard", null, null,
                null, null, null, null, null, null, "mobilenet-v1", null);
    }

    private void awaitState(String jobId, JobState state) {
        kafka.await(Topics.TRAINING_EVENTS, r -> jobId.equals(r.key()) && event(r).state() == state, JOB_TIMEOUT);
    }

    private void awaitServed(String modelId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> active = get("inference-service", "/models/active");
            if (active.statusCode() == 200 && modelId.equals(MessageCodec.mapper().readTree(active.body())
                    .path("entry").path("announcement").path("modelId").asText())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("model " + modelId + " was not served: " + get("inference-service", "/models").body());
    }

    private static TrainingEvent event(ConsumerRecord<String, String> record) {
        return MessageCodec.decode(record.value(), TrainingEvent.class);
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(text.lines().filter(l -> !l.contains("\r")).reduce("", (a, b) -> a + b + "\n"));
        return new Result(process.exitValue(), text);
    }

    private record Result(int exitCode, String output) {
    }

    private URI uri(String service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + path);
    }

    /** A request with the admin's key, as the embedded default's first start created it. */
    private HttpRequest.Builder request(String service, String path) throws IOException {
        return HttpRequest.newBuilder(uri(service, path))
                .header(ApiKeys.HEADER, ApiKeys.read(runDir.resolve("security/admin.key")));
    }

    private HttpResponse<String> get(String service, String path) throws Exception {
        return http.send(request(service, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String service, String path, String method, String contentType,
                                      HttpRequest.BodyPublisher body) throws Exception {
        return http.send(request(service, path).header("Content-Type", contentType)
                .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return MessageCodec.mapper().readTree(response.body());
    }
}
