package io.semisup.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.semisup.localstack.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a Quarkus test the real local stack: a Kafka broker and an S3 server on free ports, data under
 * {@code target/}, started before the application and stopped after it. Every test class of a module names the same
 * resource, so Quarkus starts it once for the module's whole test run. The services get the test credentials
 * ({@link TestCredentials}), and every RestAssured request of a test carries the admin's key
 * ({@link AdminKeyByDefault}) unless it sets its own.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private LocalStack stack;

    @Override
    public Map<String, String> start() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
                    "local-stack-");
            stack = LocalStack.start(dataDir, 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the local stack", e);
        }
        Map<String, String> config = new HashMap<>(TestCredentials.serviceConfig(dataDir));
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        config.put("semisup.storage.endpoint", stack.s3Endpoint());
        config.put("semisup.storage.access-key", stack.accessKey());
        config.put("semisup.storage.secret-key", stack.secretKey());
        return config;
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
