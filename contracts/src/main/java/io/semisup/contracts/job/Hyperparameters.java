package io.semisup.contracts.job;

import static io.semisup.contracts.messaging.Check.range;

/**
 * Optional settings of a training job; a null field means "the trainer's default". Ranges are checked here so a
 * bad job is refused at the door, not after an hour of training.
 *
 * @param pretrainEpochs    contrastive pretraining epochs of {@code simclr-finetune} and {@code sgan-pretrained}
 * @param labeledFraction   share of labelled images in a semi-supervised batch ({@code simclr} joint, the GAN methods)
 * @param patience          epochs without a better validation accuracy before training stops (0: never)
 * @param timeBudgetMinutes training time after which the run stops with what it has
 */
public record Hyperparameters(
        Integer epochs,
        Integer batchSize,
        Integer imageSize,
        Double widthMultiplier,
        Double temperature,
        Double learningRate,
        Long seed,
        Integer pretrainEpochs,
        Double labeledFraction,
        Integer patience,
        Double timeBudgetMinutes) {

    public Hyperparameters {
        range("hyperparameters.epochs", epochs, 1, 10_000);
        range("hyperparameters.batchSize", batchSize, 2, 4_096);
        range("hyperparameters.imageSize", imageSize, 8, 1_024);
        range("hyperparameters.widthMultiplier", widthMultiplier, 0.0625, 4.0);
        range("hyperparameters.temperature", temperature, 1e-4, 100.0);
        range("hyperparameters.learningRate", learningRate, 1e-9, 10.0);
        range("hyperparameters.pretrainEpochs", pretrainEpochs, 0, 10_000);
        range("hyperparameters.labeledFraction", labeledFraction, 0.01, 0.99);
        range("hyperparameters.patience", patience, 0, 10_000);
        range("hyperparameters.timeBudgetMinutes", timeBudgetMinutes, 0.01, 100_000.0);
    }

    public static Hyperparameters defaults() {
        return new Hyperparameters(null, null, null, null, null, null, null, null, null, null, null);
    }
}
