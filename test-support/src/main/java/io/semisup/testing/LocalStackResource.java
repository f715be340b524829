package io.semisup.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.semisup.localstack.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives a Quarkus test the real local stack: a Kafka broker and an S3 server on free ports, data under
 * {@code target/}, started before the application and stopped after it. Every test class of a module names the same
 * resource, so Quarkus starts it once for the module's whole test run.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private LocalStack stack;

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                    "local-stack-");
            stack = LocalStack.start(dataDir, 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the local stack", e);
        }
        return Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "semisup.storage.endpoint", stack.s3Endpoint(),
                "semisup.storage.access-key", stack.accessKey(),
                "semisup.storage.secret-key", stack.secretKey());
    }

    @Override
    public void stop() {
        if (stack != null) {
            try {
                stack.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the local stack", e);
            }
        }
    }
}
