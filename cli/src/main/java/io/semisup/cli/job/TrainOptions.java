package io.semisup.cli.job;

import io.semisup.contracts.job.Hyperparameters;
import io.semisup.contracts.job.Method;
import picocli.CommandLine.Option;

/** What to train and how; unset options take the trainer's defaults. */
public class TrainOptions {

    @Option(names = "--method", description = "supervised, simclr, simclr-finetune, sgan, sgan-pretrained (default ${DEFAULT-VALUE})",
            defaultValue = "simclr", converter = MethodConverter.class)
    public Method method;

    @Option(names = "--epochs", description = "training epochs")
    Integer epochs;

    @Option(names = "--pretrain-epochs", description = "contrastive pretraining epochs (simclr-finetune, sgan-pretrained)")
    Integer pretrainEpochs;

    @Option(names = "--image-size", description = "input side in pixels")
    Integer imageSize;

    @Option(names = "--width", description = "MobileNetV1 width multiplier")
    Double widthMultiplier;

    @Option(names = "--batch-size", description = "images per step")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "peak learning rate")
    Double learningRate;

    @Option(names = "--time-budget-minutes", description = "stop training after this long, keeping the best model")
    Double timeBudgetMinutes;

    @Option(names = "--seed", description = "random seed")
    Long seed;

    public Hyperparameters hyperparameters() {
        return new Hyperparameters(epochs, batchSize, imageSize, widthMultiplier, null, learningRate, seed,
                pretrainEpochs, null, null, timeBudgetMinutes);
    }

    /** Defaults that finish in minutes on a laptop CPU, for options the user left unset. */
    public TrainOptions withQuickDefaults() {
        if (epochs == null) epochs = 12;
        if (imageSize == null) imageSize = 32;
        if (widthMultiplier == null) widthMultiplier = 0.5;
        if (batchSize == null) batchSize = 32;
        if (learningRate == null) learningRate = 3e-3;
        if (pretrainEpochs == null && (method == Method.SIMCLR_FINETUNE || method == Method.SGAN_PRETRAINED)) pretrainEpochs = 6;
        return this;
    }

    static final class MethodConverter implements picocli.CommandLine.ITypeConverter<Method> {
        @Override
        public Method convert(String value) {
            return Method.of(value);
        }
    }
}
