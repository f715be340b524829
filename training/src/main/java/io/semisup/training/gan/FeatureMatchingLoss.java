package io.semisup.training.gan;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Feature matching (Salimans et al. 2016, section 3.1): the generator makes the discriminator's mean features on
 * generated images match those on real images, {@code L = mean_f (E f(x) - E f(G(z)))²}, a loss of the whole batch
 * rather than a sum over rows. Each label row is filled with its row's signed weight: {@code 1/n_real} for a real
 * image, {@code -1/n_generated} for a generated one, so that {@code d = Σ_i w_i f_i} is the difference of the means.
 * The gradient, {@code 2 w_i d / F} for row i, is scaled by the batch size like every DL4J loss gradient. It
 * remembers its last score, so a step reports it without another forward pass.
 */
public class FeatureMatchingLoss implements ILossFunction {

    @JsonIgnore
    private double last = Double.NaN;

    public double last() {
        return last;
    }

    /** The difference of the mean features, {@code d}, as a row. */
    private static INDArray difference(INDArray labels, INDArray features) {
        return features.mul(labels).sum(true, 0);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        // A batch loss: every row carries an equal share, so the mean over rows is the loss.
        double score = computeScore(labels, preOutput, activationFn, mask, true);
        return Nd4j.valueArrayOf(new long[]{preOutput.size(0)}, score, preOutput.dataType());
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray d = difference(labels, activationFn.getActivation(preOutput.dup(), true));
        last = d.mul(d).meanNumber().doubleValue();
        return average ? last : last * preOutput.size(0);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray features = activationFn.getActivation(preOutput.dup(), true);
        INDArray d = difference(labels, features);
        last = d.mul(d).meanNumber().doubleValue();
        long rows = features.size(0);
        INDArray gradient = labels.mulRowVector(d).muli(2.0 * rows / features.size(1));
        return activationFn.backprop(preOutput.dup(), gradient).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        INDArray gradient = computeGradient(labels, preOutput, activationFn, mask);
        return new Pair<>(average ? last : last * preOutput.size(0), gradient);
    }

    @Override
    public String name() {
        return "FeatureMatching";
    }

    @Override
    public String toString() {
        return "FeatureMatchingLoss()";
    }
}
