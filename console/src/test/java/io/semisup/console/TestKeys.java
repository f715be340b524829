package io.semisup.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.semisup.testing.TestCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The console alone: the test keys (one per role) and services that cannot be reached (a port nothing listens on),
 * so these tests see the console's own answers. The pages against the real services are tested in a browser by the
 * deploy module's full-system test.
 */
public class TestKeys implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "keys-");
            Map<String, String> config = new HashMap<>(TestCredentials.serviceConfig(dir));
            String nowhere = "http://127.0.0.1:" + closedPort();
            config.put("semisup.console.dataset-service-url", nowhere);
            config.put("semisup.console.trainer-service-url", nowhere);
            config.put("semisup.console.inference-service-url", nowhere);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
