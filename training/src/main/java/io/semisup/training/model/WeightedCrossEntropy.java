package io.semisup.training.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy whose targets carry a weight per row: the row's labels are a one-hot (or any non-negative)
 * vector scaled by its weight w = Σ_k y_k, so L_i = −Σ_k y_k log p_k = w·CE for a scaled one-hot. DL4J's own
 * {@code LossMCXENT} cannot do this: its softmax gradient p − y assumes Σ y = 1, and a mask value other than 0 or 1
 * is not a weight (measured: a mask of 2 did not double the row's loss). Here dL/dz = (Σ_k y_k) p − y, checked against
 * central differences in {@code FixMatchLossTest}. Rows whose labels are all zero contribute nothing.
 */
public class WeightedCrossEntropy implements ILossFunction {

    private static void requireSoftmax(IActivation activationFn) {
        if (!(activationFn instanceof ActivationSoftmax)) {
            throw new IllegalArgumentException("WeightedCrossEntropy needs a softmax output, got " + activationFn);
        }
    }

    /** Row-wise log-softmax of the logits, computed stably. */
    private static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSoftmax(activationFn);
        INDArray scores = logSoftmax(preOutput).muli(labels).sum(true, 1).negi().reshape(preOutput.size(0));
        if (mask != null) {
            LossUtil.applyMask(scores, mask);
        }
        return scores;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray scores = computeScoreArray(labels, preOutput, activationFn, mask);
        double sum = scores.sumNumber().doubleValue();
        return average ? sum / scores.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSoftmax(activationFn);
        INDArray p = Transforms.exp(logSoftmax(preOutput), false);
        INDArray gradient = p.muliColumnVector(labels.sum(true, 1)).subi(labels);
        if (mask != null) {
            LossUtil.applyMask(gradient, mask);
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "WeightedCrossEntropy";
    }

    @Override
    public String toString() {
        return "WeightedCrossEntropy()";
    }
}
