package io.semisup.training.gan;

import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
     * unlabelled ones), then {@code unlabeled} unlabelled rows; the discriminator sees as many generated images, and
     * the generator's step matches fresh ones against the same unlabelled images.
     */
    public Losses step(INDArray real, INDArray labels, int unlabeled, SplittableRandom random) {
        long rows = real.size(0);
        INDArray generated = generator.generate(generator.noise(unlabeled, random));
        SganLoss.Parts parts = discriminator.fit(real, labels, generated);
        INDArray unlabeledReal = real.get(NDArrayIndex.interval(rows - unlabeled, rows), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all());
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
