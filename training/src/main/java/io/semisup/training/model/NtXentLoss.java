package io.semisup.training.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * SimCLR's normalised temperature-scaled cross-entropy (Chen et al. 2020) over a batch of 2N projections whose first
 * and second halves are the two views of the same N images: row i's positive is row i ± N, every other row but itself
 * is a negative. Labels are ignored (the pairing is positional).
 *
 * <p>Per row, with {@code u = z/|z|} and {@code s = u uᵀ / τ}: {@code L_i = -s(i,p) + log Σ_{j≠i} exp s(i,j)}.
 * The gradient is analytic: with {@code P} the row-wise softmax of s without its diagonal and {@code Q} the one-hot
 * partner matrix, {@code dL/du = (G + Gᵀ) u / τ} for {@code G = P - Q}, projected through the normalisation:
 * {@code dL/dz = (dL/du - u (u·dL/du)) / |z|}. {@code NtXentLossTest} checks it against central differences.
 * (A SameDiff version of this loss gave wrong gradients in ND4J 1.0.0-M2.1, and needed workspace workarounds.)
 */
public class NtXentLoss implements ILossFunction {

    @JsonProperty
    private final double temperature;

    public NtXentLoss(@JsonProperty("temperature") double temperature) {
        this.temperature = temperature;
    }

    public double temperature() {
        return temperature;
    }

    /** Row-wise intermediate results shared by score and gradient. */
    private record Forward(INDArray unit, INDArray norms, INDArray similarity, INDArray softmax, INDArray partners,
                           INDArray logSumExp) {
    }

    private Forward forward(INDArray z) {
        int rows = (int) z.size(0);
        if (rows % 2 != 0) {
            throw new IllegalArgumentException("NT-Xent needs two views per image: an even batch, got " + rows);
        }
        double inv = 1.0 / temperature;
        INDArray norms = z.norm2(1).reshape(rows, 1).addi(1e-12);
        INDArray unit = z.divColumnVector(norms);
        INDArray similarity = unit.mmul(unit.transpose()).muli(inv);
        INDArray eye = Nd4j.eye(rows).castTo(z.dataType());
        // Every logit is at most 1/τ: subtract it before exp for stability; the diagonal drops out entirely.
        INDArray exp = Transforms.exp(similarity.sub(inv), false).muli(eye.rsub(1.0));
        INDArray sums = exp.sum(true, 1);
        INDArray softmax = exp.divColumnVector(sums);
        INDArray partners = Nd4j.zeros(z.dataType(), rows, rows);
        for (int i = 0; i < rows; i++) {
            partners.putScalar(i, (i + rows / 2) % rows, 1.0);
        }
        INDArray logSumExp = Transforms.log(sums, false).addi(inv);
        return new Forward(unit, norms, similarity, softmax, partners, logSumExp);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray z = activationFn.getActivation(preOutput.dup(), true);
        Forward f = forward(z);
        INDArray positive = f.similarity().mul(f.partners()).sum(true, 1);
        INDArray scores = f.logSumExp().sub(positive).reshape(z.size(0));
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
        INDArray z = activationFn.getActivation(preOutput.dup(), true);
        Forward f = forward(z);
        INDArray g = f.softmax().sub(f.partners());
        INDArray gradUnit = g.add(g.transpose()).mmul(f.unit()).muli(1.0 / temperature);
        INDArray radial = f.unit().mulColumnVector(gradUnit.mul(f.unit()).sum(true, 1));
        INDArray gradZ = gradUnit.subi(radial).diviColumnVector(f.norms());
        INDArray gradPre = activationFn.backprop(preOutput.dup(), gradZ).getFirst();
        if (mask != null) {
            LossUtil.applyMask(gradPre, mask);
        }
        return gradPre;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "NtXent";
    }

    @Override
    public String toString() {
        return "NtXentLoss(tau=" + temperature + ")";
    }
}
