package io.semisup.contracts.job;

import io.semisup.contracts.messaging.InvalidMessageException;

import java.util.List;

import static io.semisup.contracts.messaging.Check.oneOf;
import static io.semisup.contracts.messaging.Check.range;

/**
 * Optional settings of a training job; a null field means "the trainer's default". Ranges are checked here so a
 * bad job is refused at the door, not after an hour of training.
 *
 * @param pretrainEpochs    contrastive pretraining epochs of {@code simclr-finetune}, {@code sgan-pretrained} and
 *                          {@code fixmatch} (2 by default; 0 starts FixMatch from scratch)
 * @param labeledFraction   share of labelled images in a semi-supervised batch ({@code simclr} joint, the GAN methods)
 * @param patience          epochs without a better validation accuracy before training stops (0: never)
 * @param timeBudgetMinutes training time after which the run stops with what it has (the learning rate anneals to it)
 * @param stem              {@code small} keeps the resolution of small inputs (the default up to 64 pixels),
 *                          {@code standard} downsamples as MobileNetV1 does on ImageNet
 * @param optimizer         {@code sgd} (Nesterov momentum; the default of {@code fixmatch}) or {@code adam}
 * @param weightDecay       L2 on the weights
 * @param confidenceThreshold {@code fixmatch}: τ, the confidence a pseudo-label needs
 * @param unlabeledWeight   {@code fixmatch}: λ, the weight of the pseudo-labelled loss
 * @param adaptiveThreshold {@code fixmatch}: FlexMatch's per-class thresholds instead of τ for every class
 * @param distributionAlignment {@code fixmatch}: align predictions to the labelled class frequencies before
 *                          thresholding (ReMixMatch's distribution alignment; on by default)
 * @param softWeighting     {@code fixmatch}: weight every pseudo-label by its confidence (SoftMatch) instead of
 *                          thresholding at τ; on by default, not with {@code adaptiveThreshold}
 * @param emaDecay          decay of the weight average that is evaluated and served (0: the last weights)
 * @param encoder           {@code convnet} (a compact CNN, the default up to 32 pixels) or {@code mobilenet-v1} (the
 *                          default above, and whenever a {@code stem} is given: only MobileNetV1 has one)
 * @param labeledView       how labelled images are augmented for the classifier's loss: {@code weak} (flip and shift)
 *                          or {@code strong} (also RandAugment and Cutout; the default of
 *                          {@code supervised} and {@code fixmatch})
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
        Double timeBudgetMinutes,
        String stem,
        String optimizer,
        Double weightDecay,
        Double confidenceThreshold,
        Double unlabeledWeight,
        Boolean adaptiveThreshold,
        Boolean distributionAlignment,
        Boolean softWeighting,
        Double emaDecay,
        String encoder,
        String labeledView) {

    public static final List<String> STEMS = List.of("standard", "small");
    public static final List<String> ENCODERS = List.of("convnet", "mobilenet-v1");
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam");
    public static final List<String> LABELED_VIEWS = List.of("weak", "strong");

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
        oneOf("hyperparameters.stem", stem, STEMS);
        oneOf("hyperparameters.optimizer", optimizer, OPTIMIZERS);
        range("hyperparameters.weightDecay", weightDecay, 0.0, 1.0);
        range("hyperparameters.confidenceThreshold", confidenceThreshold, 0.01, 0.999);
        range("hyperparameters.unlabeledWeight", unlabeledWeight, 0.0, 100.0);
        range("hyperparameters.emaDecay", emaDecay, 0.0, 0.99999);
        oneOf("hyperparameters.encoder", encoder, ENCODERS);
        oneOf("hyperparameters.labeledView", labeledView, LABELED_VIEWS);
        if (Boolean.TRUE.equals(softWeighting) && Boolean.TRUE.equals(adaptiveThreshold)) {
            throw new InvalidMessageException("hyperparameters.softWeighting replaces thresholds: not with adaptiveThreshold");
        }
        if ("convnet".equals(encoder) && stem != null) {
            throw new InvalidMessageException("hyperparameters.stem applies to mobilenet-v1 only, not to the convnet encoder");
        }
    }

    public static Hyperparameters defaults() {
        return new Hyperparameters(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }
}
