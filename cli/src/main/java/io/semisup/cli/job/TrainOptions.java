package io.semisup.cli.job;

import io.semisup.contracts.job.Hyperparameters;
import io.semisup.contracts.job.Method;
import picocli.CommandLine.Option;

/** What to train and how; unset options take the trainer's defaults. */
public class TrainOptions {

    @Option(names = "--method", description = "supervised, simclr, simclr-finetune, sgan, sgan-pretrained, fixmatch (default ${DEFAULT-VALUE})",
            defaultValue = "fixmatch", converter = MethodConverter.class)
    public Method method;

    @Option(names = "--epochs", description = "training epochs")
    Integer epochs;

    @Option(names = "--pretrain-epochs", description = "contrastive pretraining epochs (simclr-finetune, sgan-pretrained; "
            + "fixmatch: 2 by default, 0 starts from scratch)")
    Integer pretrainEpochs;

    @Option(names = "--image-size", description = "input side in pixels")
    Integer imageSize;

    @Option(names = "--width", description = "the encoder's width multiplier α")
    Double widthMultiplier;

    @Option(names = "--batch-size", description = "images per step")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "peak learning rate")
    Double learningRate;

    @Option(names = "--time-budget-minutes", description = "stop training after this long, keeping the best model")
    Double timeBudgetMinutes;

    @Option(names = "--seed", description = "random seed")
    Long seed;

    @Option(names = "--encoder", description = "convnet (compact CNN, default up to 32 px) or mobilenet-v1 (default above)")
    public String encoder;

    @Option(names = "--stem", description = "mobilenet-v1: standard or small (keeps the resolution of small inputs; "
            + "default up to 64 px)")
    public String stem;

    @Option(names = "--optimizer", description = "sgd or adam")
    String optimizer;

    @Option(names = "--weight-decay", description = "L2 on the weights")
    Double weightDecay;

    @Option(names = "--confidence-threshold", description = "fixmatch: confidence a pseudo-label needs (τ)")
    Double confidenceThreshold;

    @Option(names = "--unlabeled-weight", description = "fixmatch: weight of the pseudo-labelled loss (λ)")
    Double unlabeledWeight;

    @Option(names = "--adaptive-threshold", negatable = true, description = "fixmatch: FlexMatch's per-class thresholds "
            + "(--no-adaptive-threshold: τ for every class)")
    Boolean adaptiveThreshold;

    @Option(names = "--distribution-alignment", negatable = true, description = "fixmatch: align predictions to the "
            + "labelled class frequencies before thresholding (ReMixMatch; on by default)")
    Boolean distributionAlignment;

    @Option(names = "--soft-weighting", negatable = true, description = "fixmatch: weight every pseudo-label by its "
            + "confidence (SoftMatch; on by default) instead of thresholding at τ")
    Boolean softWeighting;

    @Option(names = "--labeled-view", description = "augmentation of labelled images: weak (flip and shift) or strong "
            + "(also RandAugment and Cutout; the default of supervised and fixmatch)")
    String labeledView;

    @Option(names = "--ema-decay", description = "decay of the served weight average (0: the last weights)")
    Double emaDecay;

    public Hyperparameters hyperparameters() {
        return new Hyperparameters(epochs, batchSize, imageSize, widthMultiplier, null, learningRate, seed,
                pretrainEpochs, null, null, timeBudgetMinutes, stem, optimizer, weightDecay, confidenceThreshold,
                unlabeledWeight, adaptiveThreshold, distributionAlignment, softWeighting, emaDecay, encoder, labeledView);
    }

    /** Defaults that finish in minutes on a laptop CPU, for options the user left unset. */
    public TrainOptions withQuickDefaults() {
        if (imageSize == null) imageSize = 32;
        if (widthMultiplier == null) widthMultiplier = 0.5;
        if (method == Method.FIXMATCH) {
            // FixMatch keeps the trainer's recipe (SGD, 32 labelled + 96 unlabelled images a step); time bounds it,
            // and the learning rate anneals to that time.
            if (epochs == null) epochs = 100;
            if (timeBudgetMinutes == null) timeBudgetMinutes = 2.5;
            return this;
        }
        if (epochs == null) epochs = 12;
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
