package io.semisup.training.gan;

import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * The semi-supervised GAN's alternating update (Salimans et al. 2016): the discriminator learns from labelled,
 * unlabelled and generated images, then the generator learns against the updated discriminator, each with its own
 * optimizer and learning rate. The generator's gradient comes through the discriminator: the discriminator gives
 * the loss's gradient with respect to each generated image, the generator backpropagates it into its weights.
 */
public final class Sgan {

    /** Losses of one step: the discriminator's parts, and the generator's loss before its update. */
    public record Losses(SganLoss.Parts discriminator, double generator) {
    }

    /** The generator's loss and its (unapplied) weight gradient, in DL4J's convention (times the rows). */
    public record GeneratorGradient(double loss, Gradient gradient, int rows) {
    }

    private final Discriminator discriminator;
    private final Generator generator;
    private final boolean featureMatching;

    public Sgan(Discriminator discriminator, Generator generator, boolean featureMatching) {
        this.discriminator = discriminator;
        this.generator = generator;
        this.featureMatching = featureMatching;
    }

    public Discriminator discriminator() {
        return discriminator;
    }

    public Generator generator() {
        return generator;
    }

    /**
     * One step. {@code real} holds the labelled rows first ({@code labels}: their one-hot rows, zeros for the
     * unlabelled ones), then {@code unlabeled} unlabelled rows; as many generated images join the discriminator's
     * batch, and the generator's step pairs fresh ones with the same unlabelled images.
     */
    public Losses step(INDArray real, INDArray labels, int unlabeled, SplittableRandom random) {
        long rows = real.size(0);
        INDArray generated = generator.generate(generator.noise(unlabeled, random));
        INDArray images = Nd4j.concat(0, real, generated);
        INDArray allLabels = Nd4j.concat(0, labels, Nd4j.zeros(labels.dataType(), unlabeled, labels.size(1)).subi(1));
        SganLoss.Parts parts = discriminator.fit(images, allLabels);
        INDArray unlabeledReal = real.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(rows - unlabeled, rows));
        GeneratorGradient g = generatorGradient(unlabeledReal, generator.noise(unlabeled, random));
        generator.update(g.gradient(), g.rows());
        return new Losses(parts, g.loss());
    }

    /** The generator's loss on {@code noise} against {@code real} images, and its gradient; nothing moves. */
    public GeneratorGradient generatorGradient(INDArray real, INDArray noise) {
        INDArray generated = generator.forward(noise);
        var loss = discriminator.generatorLoss(real, generated, featureMatching);
        return new GeneratorGradient(loss.getFirst(), generator.backprop(loss.getSecond()), (int) noise.size(0));
    }
}
