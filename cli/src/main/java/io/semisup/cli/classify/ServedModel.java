package io.semisup.cli.classify;

import io.semisup.cli.api.ApiException;
import io.semisup.cli.api.ServiceClient;

import java.time.Duration;

/** Waits until the inference-service serves a given model: announced, loaded, switched to. */
public final class ServedModel {

    private ServedModel() {
    }

    public static void await(ServiceClient inference, String modelId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (modelId.equals(inference.get("/models/active").path("entry").path("announcement").path("modelId").asText())) {
                    return;
                }
            } catch (ApiException e) {
                if (e.status() == 0) {
                    throw e;
                }
                // 503 until a first model is active
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("the inference-service did not serve model " + modelId + " within " + timeout
                + " (GET /models shows why)");
    }
}
