package io.semisup.training.gan;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Feature matching (Salimans et al. 2016, section 3.1): the generator makes the discriminator's mean features on
 * generated images match those on real images, {@code L = mean_f (t_f - E f(G(z))_f)²}, a loss of the whole batch
 * rather than a sum over rows. Every label row holds the target {@code t}, the mean features of real images (a
 * constant here). The gradient for row i, {@code -2 (t - m) / (F n)} with {@code m} the batch's mean features, is
 * scaled by the batch size {@code n} like every DL4J loss gradient. It remembers its last score, so a step reports it
 * without another forward pass.
 */
public class FeatureMatchingLoss implements ILossFunction {

    @JsonIgnore
    private double last = Double.NaN;

    public double last() {
        return last;
    }

    /** The target minus the batch's mean features, {@code t - m}, as a row; records the loss. */
    private INDArray difference(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray features = activationFn.getActivation(preOutput.dup(), true);
        INDArray d = labels.getRow(0, true).sub(features.mean(true, 0));
        last = d.mul(d).meanNumber().doubleValue();
        return d;
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
        difference(labels, preOutput, activationFn);
        return average ? last : last * preOutput.size(0);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray d = difference(labels, preOutput, activationFn);
        INDArray gradient = Nd4j.zeros(preOutput.dataType(), preOutput.size(0), preOutput.size(1))
                .subiRowVector(d.mul(2.0 / preOutput.size(1)));
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
