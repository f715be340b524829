package io.semisup.trainer;

import io.semisup.contracts.job.Hyperparameters;

/** Job settings for tests. */
public final class TestJobs {

    private TestJobs() {
    }

    /** Tiny enough to train in seconds on {@link TestDatasets}: 32x32 images, a quarter-width MobileNetV1. */
    public static Hyperparameters tiny(int epochs) {
        return new Hyperparameters(epochs, 16, 32, 0.25, null, 3e-3, 7L, null, null, 0, null, "standard", null, null,
                null, null, null, null, null, null, "mobilenet-v1", null);
    }
}
