package io.semisup.contracts.job;

import static io.semisup.contracts.messaging.Check.range;

/**
 * Optional settings of a training job; a null field means "the trainer's default". Ranges are checked here so a
 * bad job is refused at the door, not after an hour of training.
 */
public record Hyperparameters(
        Integer epochs,
        Integer batchSize,
        Integer imageSize,
        Double widthMultiplier,
        Double temperature,
        Double learningRate,
        Long seed) {

    public Hyperparameters {
        range("hyperparameters.epochs", epochs, 1, 10_000);
        range("hyperparameters.batchSize", batchSize, 2, 4_096);
        range("hyperparameters.imageSize", imageSize, 8, 1_024);
        range("hyperparameters.widthMultiplier", widthMultiplier, 0.0625, 4.0);
        range("hyperparameters.temperature", temperature, 1e-4, 100.0);
        range("hyperparameters.learningRate", learningRate, 1e-9, 10.0);
    }

    public static Hyperparameters defaults() {
        return new Hyperparameters(null, null, null, null, null, null, null);
    }
}
