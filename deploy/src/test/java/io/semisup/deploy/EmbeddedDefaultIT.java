package io.semisup.deploy;

import io.semisup.localstack.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code deploy/semisup.sh} as a user would, on free ports and a run folder under target/: every service must
 * report UP, and {@code down} must leave no process behind.
 */
class EmbeddedDefaultIT {

    private static final Path SCRIPT = Path.of("semisup.sh").toAbsolutePath();
    private static final List<String> SERVICES = List.of("dataset-service", "trainer-service", "inference-service");

    private final Map<String, String> env = new HashMap<>();
    private Path runDir;

    @AfterEach
    void alwaysStop() throws Exception {
        if (runDir != null) {
            run("down");
        }
    }

    @Test
    void upStartsEverythingHealthyAndDownLeavesNoProcess() throws Exception {
        runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "run-");
        env.put("SEMISUP_RUN_DIR", runDir.toString());
        env.put("SEMISUP_KAFKA_PORT", String.valueOf(LocalStack.freePort()));
        env.put("SEMISUP_S3_PORT", String.valueOf(LocalStack.freePort()));
        Map<String, Integer> ports = Map.of(
                "dataset-service", LocalStack.freePort(),
                "trainer-service", LocalStack.freePort(),
                "inference-service", LocalStack.freePort());
        env.put("SEMISUP_DATASET_PORT", ports.get("dataset-service").toString());
        env.put("SEMISUP_TRAINER_PORT", ports.get("trainer-service").toString());
        env.put("SEMISUP_INFERENCE_PORT", ports.get("inference-service").toString());

        Result up = run("up", "--no-build");
        assertEquals(0, up.exitCode(), up.output());

        HttpClient http = HttpClient.newHttpClient();
        for (String service : SERVICES) {
            HttpResponse<String> live = get(http, ports.get(service), "/q/health/live");
            assertEquals(200, live.statusCode(), service + ": " + live.body());
            // Ready too, except the inference-service, which waits for its first model.
            HttpResponse<String> ready = get(http, ports.get(service), "/q/health/ready");
            if (service.equals("inference-service")) {
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("no model is active yet"), ready.body());
            } else {
                assertEquals(200, ready.statusCode(), service + ": " + ready.body());
            }
        }
        assertTrue(up.output().contains("inference-service") && up.output().contains("not ready (no model is active yet)"),
                up.output());

        List<Long> pids = new ArrayList<>();
        for (String name : List.of("local-stack", "dataset-service", "trainer-service", "inference-service")) {
            long pid = Long.parseLong(Files.readString(runDir.resolve("pids/" + name + ".pid")).trim());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), name + " is not running");
            pids.add(pid);
        }

        Result down = run("down");
        assertEquals(0, down.exitCode(), down.output());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " survived");
        }
        assertTrue(run("status").output().contains("nothing is running"));
        runDir = null;
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
