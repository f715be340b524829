package io.semisup.training.method;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Which weak-view predictions become pseudo-labels. Fixed: the arg-max class where its probability reaches τ
 * (FixMatch). Adaptive (FlexMatch's curriculum pseudo-labelling, Zhang et al. 2021, with its threshold warm-up): each
 * class c gets the threshold τ · M(β(c)), M(x) = x / (2 − x), where β(c) = σ(c) / max(max σ, unused): σ(c) counts the
 * unlabelled images whose last prediction was c with confidence ≥ τ, unused those never predicted so. Classes the model
 * has not learned yet get low thresholds, so more of their images teach early on; thresholds rise to τ as classes are
 * learned. The per-image record is part of the run's state.
 *
 * <p>With distribution alignment (ReMixMatch, Berthelot et al. 2020), each prediction is first multiplied by
 * target(c) / mean(c) and renormalised, where mean is a moving average of the weak views' predictions over recent
 * batches and target the labelled images' class frequencies: a network that over-predicts some classes early on
 * would otherwise fill its confident pseudo-labels with them. The moving average is part of the run's state too.
 */
final class PseudoLabels {

    /** Per row of a batch: the pseudo-label, whether it counts, and how many rows count. */
    record Selection(int[] labels, boolean[] mask, int selected) {
        double share() {
            return labels.length == 0 ? 0 : (double) selected / labels.length;
        }
    }

    /** Weight of the newest batch in the moving average of predictions (about the last 100 batches count). */
    private static final double MEAN_UPDATE = 0.01;

    private final double tau;
    private final boolean adaptive;
    private final double[] target;
    private final double[] predictionMean;
    private final int[] learned;
    private final int[] counts;
    private int unused;

    /** @param target the class distribution to align predictions to, or null for no alignment */
    PseudoLabels(int poolSize, int classes, double tau, boolean adaptive, double[] target) {
        this.tau = tau;
        this.adaptive = adaptive;
        this.target = target == null ? null : normalized(target.clone());
        this.predictionMean = new double[classes];
        Arrays.fill(predictionMean, 1.0 / classes);
        this.learned = new int[poolSize];
        this.counts = new int[classes];
        Arrays.fill(learned, -1);
        this.unused = poolSize;
    }

    /** Each class's threshold as things stand. */
    double[] thresholds() {
        double[] thresholds = new double[counts.length];
        if (!adaptive) {
            Arrays.fill(thresholds, tau);
            return thresholds;
        }
        int max = unused;
        for (int count : counts) {
            max = Math.max(max, count);
        }
        for (int c = 0; c < counts.length; c++) {
            double beta = max == 0 ? 0 : (double) counts[c] / max;
            thresholds[c] = tau * beta / (2 - beta);
        }
        return thresholds;
    }

    /**
     * Selects among {@code predictions} (one row of class probabilities per unlabelled image, {@code sources} their
     * indices in the pool; aligned first, if aligning) with the thresholds from before this batch, then records the
     * batch's confident predictions.
     */
    Selection select(double[][] predictions, int[] sources) {
        double[][] probabilities = align(predictions);
        double[] thresholds = thresholds();
        int[] labels = new int[probabilities.length];
        boolean[] mask = new boolean[probabilities.length];
        int selected = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double[] p = probabilities[i];
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            labels[i] = best;
            mask[i] = p[best] >= thresholds[best];
            selected += mask[i] ? 1 : 0;
        }
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i][labels[i]] >= tau) {
                record(sources[i], labels[i]);
            }
        }
        return new Selection(labels, mask, selected);
    }

    /** The predictions aligned with the moving average from before this batch, which then takes this batch in. */
    private double[][] align(double[][] predictions) {
        if (target == null || predictions.length == 0) {
            return predictions;
        }
        double[][] aligned = new double[predictions.length][];
        double[] batchMean = new double[predictionMean.length];
        for (int i = 0; i < predictions.length; i++) {
            aligned[i] = new double[predictions[i].length];
            for (int c = 0; c < aligned[i].length; c++) {
                aligned[i][c] = predictions[i][c] * target[c] / predictionMean[c];
                batchMean[c] += predictions[i][c] / predictions.length;
            }
            normalized(aligned[i]);
        }
        for (int c = 0; c < predictionMean.length; c++) {
            predictionMean[c] += MEAN_UPDATE * (batchMean[c] - predictionMean[c]);
        }
        return aligned;
    }

    /** The moving average of predictions that alignment divides by. */
    double[] predictionMean() {
        return predictionMean.clone();
    }

    private static double[] normalized(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= sum;
        }
        return values;
    }

    private void record(int image, int label) {
        int before = learned[image];
        if (before == label) {
            return;
        }
        if (before < 0) {
            unused--;
        } else {
            counts[before]--;
        }
        counts[label]++;
        learned[image] = label;
    }

    /** The per-image record, for a checkpoint. */
    INDArray state() {
        return Nd4j.createFromArray(learned);
    }

    /** The moving average of predictions, for a checkpoint. */
    INDArray alignmentState() {
        return Nd4j.createFromArray(predictionMean);
    }

    void restoreAlignment(INDArray state) {
        System.arraycopy(state.toDoubleVector(), 0, predictionMean, 0, predictionMean.length);
    }

    void restore(INDArray state) {
        Arrays.fill(counts, 0);
        unused = 0;
        int[] saved = state.toIntVector();
        for (int i = 0; i < learned.length; i++) {
            learned[i] = saved[i];
            if (saved[i] < 0) {
                unused++;
            } else {
                counts[saved[i]]++;
            }
        }
    }
}
