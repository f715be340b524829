package io.semisup.training.gan;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * The semi-supervised GAN discriminator's loss in the K-logit formulation of Salimans et al. 2016 ("Improved
 * Techniques for Training GANs", section 5): the head has K class logits {@code l} and no "fake" output; with
 * {@code Z = Σ exp(l_k)} the probability that an image is real is {@code D = Z / (Z + 1)}, which is a K+1-class
 * softmax whose fake logit is fixed at 0. The K class probabilities are then simply {@code softmax(l)}, so the
 * exported classifier is the usual softmax head.
 *
 * <p>Each label row says what its image is: one-hot (labelled real), all zeros (unlabelled real) or all -1
 * (generated). Per row, with {@code s = log Z}: cross-entropy {@code -l_y + s}; real {@code -log D = softplus(-s)};
 * generated {@code -log(1 - D) = softplus(s)}. Each kind is averaged over its own rows (masked rows do not count),
 * and the score is their sum, as in the paper: {@code L = L_supervised + L_unsupervised}. Gradients follow DL4J's
 * convention, that of the score times the batch size (the updater divides by it).
 *
 * <p>It remembers the parts of its last evaluation ({@link #last()}), so a step reports them without another forward
 * pass; each network gets its own instance.
 */
public class SganLoss implements ILossFunction {

    /** Mean loss of each kind of row in the last evaluation (NaN where the batch had none), and the score. */
    public record Parts(double supervised, double real, double generated, double score) {

        /** The unsupervised part: real plus generated, NaN parts counted as 0. */
        public double realVsFake() {
            return (Double.isNaN(real) ? 0 : real) + (Double.isNaN(generated) ? 0 : generated);
        }
    }

    private static final int LABELED = 0;
    private static final int REAL = 1;
    private static final int GENERATED = 2;

    @JsonIgnore
    private Parts last = new Parts(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public Parts last() {
        return last;
    }

    /** Per-row losses, already weighted by N / (rows of its kind), and their gradient; records {@link #last}. */
    private Pair<INDArray, INDArray> evaluate(INDArray labels, INDArray preOutput, IActivation activationFn,
                                              INDArray mask) {
        // N x K with K the number of classes: small enough to work on the host in double precision.
        double[][] logits = activationFn.getActivation(preOutput.dup(), true).toDoubleMatrix();
        double[][] y = labels.toDoubleMatrix();
        double[] m = mask == null ? null : mask.reshape(logits.length).toDoubleVector();
        int rows = logits.length;
        int[] kind = new int[rows]; // LABELED, REAL, GENERATED or -1: masked out
        int[] counts = new int[3];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (double v : y[i]) {
                sum += v;
            }
            kind[i] = m != null && m[i] == 0 ? -1 : sum > 0.5 ? LABELED : sum < -0.5 ? GENERATED : REAL;
            if (kind[i] >= 0) {
                counts[kind[i]]++;
            }
        }
        double[] loss = new double[rows];
        double[][] gradient = new double[rows][];
        double[] sums = new double[3];
        for (int i = 0; i < rows; i++) {
            double[] l = logits[i];
            gradient[i] = new double[l.length];
            if (kind[i] < 0) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : l) {
                max = Math.max(max, v);
            }
            double sumExp = 0;
            double[] softmax = new double[l.length];
            for (int k = 0; k < l.length; k++) {
                softmax[k] = Math.exp(l[k] - max);
                sumExp += softmax[k];
            }
            double logZ = max + Math.log(sumExp);
            for (int k = 0; k < l.length; k++) {
                softmax[k] /= sumExp;
            }
            // d loss / d l_k: labelled softmax - y; otherwise (d loss / d logZ) · softmax, as d logZ / d l = softmax.
            double dLogZ;
            double rowLoss;
            switch (kind[i]) {
                case LABELED -> {
                    double picked = 0;
                    for (int k = 0; k < l.length; k++) {
                        picked += l[k] * y[i][k];
                    }
                    rowLoss = logZ - picked;
                    dLogZ = 1;
                }
                case REAL -> {
                    rowLoss = softplus(-logZ);
                    dLogZ = -sigmoid(-logZ);
                }
                default -> {
                    rowLoss = softplus(logZ);
                    dLogZ = sigmoid(logZ);
                }
            }
            sums[kind[i]] += rowLoss;
            // DL4J averages over all N rows; weighting by N / count gives each kind its own mean.
            double weight = (double) rows / counts[kind[i]];
            loss[i] = weight * rowLoss;
            for (int k = 0; k < l.length; k++) {
                double target = kind[i] == LABELED ? y[i][k] : 0;
                gradient[i][k] = weight * (dLogZ * softmax[k] - target);
            }
        }
        double score = 0;
        for (double v : loss) {
            score += v;
        }
        last = new Parts(mean(sums[LABELED], counts[LABELED]), mean(sums[REAL], counts[REAL]),
                mean(sums[GENERATED], counts[GENERATED]), score / rows);
        INDArray gradLogits = Nd4j.createFromArray(gradient).castTo(preOutput.dataType());
        INDArray gradPre = activationFn.backprop(preOutput.dup(), gradLogits).getFirst();
        return new Pair<>(Nd4j.createFromArray(loss).castTo(preOutput.dataType()), gradPre);
    }

    private static double mean(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(labels, preOutput, activationFn, mask).getFirst();
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(labels, preOutput, activationFn, mask).getSecond();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        Pair<INDArray, INDArray> both = evaluate(labels, preOutput, activationFn, mask);
        double sum = both.getFirst().sumNumber().doubleValue();
        return new Pair<>(average ? sum / preOutput.size(0) : sum, both.getSecond());
    }

    @Override
    public String name() {
        return "SganLoss";
    }

    @Override
    public String toString() {
        return "SganLoss()";
    }
}
