package io.semisup.training.run;

import java.util.Map;

/**
 * One finished epoch, as curves are drawn from.
 *
 * @param phase              the method's phase ("joint", "contrastive", "fine-tune"...)
 * @param epoch              1-based within the phase
 * @param losses             mean loss per step, by name: "total", and per head ("classes", "projection") where present;
 *                           the GAN: "discriminator" (its whole loss), "classes" (cross-entropy on labelled images),
 *                           "real-vs-fake" and "generator"
 * @param trainAccuracy      on the labelled images (centre crops), null for phases without a classifier
 * @param validationAccuracy null without a validation split or classifier
 * @param learningRate       at the end of the epoch
 * @param imagesPerSecond    rows through forward and backward pass per second of training step
 * @param pipelineWaitShare  share of the epoch the step waited for augmented batches (near 0: the network is the bottleneck)
 * @param seconds            wall time of the epoch including evaluation
 */
public record EpochRecord(
        String phase,
        int epoch,
        Map<String, Double> losses,
        Double trainAccuracy,
        Double validationAccuracy,
        double learningRate,
        double imagesPerSecond,
        double pipelineWaitShare,
        double seconds) {
}
