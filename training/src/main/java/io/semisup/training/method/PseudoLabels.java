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
 * <p>Soft (SoftMatch, Chen et al. 2023): every prediction teaches, weighted by how confident it is against the
 * network's recent confidence, instead of all-or-nothing at τ: weight 1 where the top probability reaches μ, else
 * exp(−(p − μ)² / 2σ²), where μ and σ² are the batches' mean and variance of the top probability, averaged over
 * all batches so far, and over about the last thousand once there are more. (The paper's moving averages start from
 * 1/classes and 1 at a rate of 0.001: measured on cifar10-ssl, σ² stayed near its start for a 20-minute run, every
 * image weighed about 1, and accuracy trailed the fixed threshold by 2.4 points at minute 6.) Early on, when few
 * predictions reach τ, images below the mean confidence still count a little.
 *
 * <p>With distribution alignment (ReMixMatch, Berthelot et al. 2020), each prediction is first multiplied by
 * target(c) / mean(c) and renormalised, where mean is a moving average of the weak views' predictions over recent
 * batches and target the labelled images' class frequencies: a network that over-predicts some classes early on
 * would otherwise fill its confident pseudo-labels with them. The moving average is part of the run's state too.
 */
final class PseudoLabels {

    /** How predictions become pseudo-labels. */
    enum Rule {
        /** τ for every class (FixMatch). */
        FIXED,
        /** FlexMatch's per-class thresholds. */
        ADAPTIVE,
        /** SoftMatch's confidence weights. */
        SOFT
    }

    /** Per row of a batch: the pseudo-label and its weight in [0, 1] (0: it does not count). */
    record Selection(int[] labels, double[] weights) {
        /** The weights' mean: with a threshold, the share of rows that count. */
        double share() {
            double sum = 0;
            for (double weight : weights) {
                sum += weight;
            }
            return weights.length == 0 ? 0 : sum / weights.length;
        }
    }

    /** Weight of the newest batch in the moving average of predictions (about the last 100 batches count). */
    private static final double MEAN_UPDATE = 0.01;
    /** Least weight of the newest batch in SoftMatch's confidence moments (the paper's momentum 0.999). */
    private static final double CONFIDENCE_UPDATE = 0.001;

    private final double tau;
    private final Rule rule;
    private final double[] target;
    private final double[] predictionMean;
    private final int[] learned;
    private final int[] counts;
    private int unused;
    /** SoftMatch's mean and variance of the top probability, and how many batches they average. */
    private final double[] confidence = new double[3];

    /** @param target the class distribution to align predictions to, or null for no alignment */
    PseudoLabels(int poolSize, int classes, double tau, Rule rule, double[] target) {
        this.tau = tau;
        this.rule = rule;
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
        if (rule != Rule.ADAPTIVE) {
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
     * indices in the pool; aligned first, if aligning): with the thresholds from before this batch, or the confidence
     * weights after taking this batch into the moving averages (as SoftMatch does). Then records the batch's
     * confident predictions.
     */
    Selection select(double[][] predictions, int[] sources) {
        double[][] probabilities = align(predictions);
        int[] labels = new int[probabilities.length];
        double[] top = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            double[] p = probabilities[i];
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[labels[i]]) {
                    labels[i] = c;
                }
            }
            top[i] = p[labels[i]];
        }
        double[] weights = rule == Rule.SOFT ? softWeights(top) : thresholded(labels, top);
        for (int i = 0; i < probabilities.length; i++) {
            if (top[i] >= tau) {
                record(sources[i], labels[i]);
            }
        }
        return new Selection(labels, weights);
    }

    private double[] thresholded(int[] labels, double[] top) {
        double[] thresholds = thresholds();
        double[] weights = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            weights[i] = top[i] >= thresholds[labels[i]] ? 1 : 0;
        }
        return weights;
    }

    private double[] softWeights(double[] top) {
        if (top.length > 1) {
            double mean = 0;
            for (double t : top) {
                mean += t / top.length;
            }
            double variance = 0;
            for (double t : top) {
                variance += (t - mean) * (t - mean) / (top.length - 1);
            }
            confidence[2]++;
            double rate = Math.max(CONFIDENCE_UPDATE, 1 / confidence[2]);
            confidence[0] += rate * (mean - confidence[0]);
            confidence[1] += rate * (variance - confidence[1]);
        }
        double[] weights = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            double below = Math.min(0, top[i] - confidence[0]);
            weights[i] = confidence[2] == 0 ? 1 : Math.exp(-below * below / (2 * Math.max(1e-12, confidence[1])));
        }
        return weights;
    }

    /** SoftMatch's mean and variance of the top probability. */
    double[] confidenceMoments() {
        return new double[]{confidence[0], confidence[1]};
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

    /** SoftMatch's moments and their batch count, for a checkpoint. */
    INDArray confidenceState() {
        return Nd4j.createFromArray(confidence);
    }

    void restoreConfidence(INDArray state) {
        System.arraycopy(state.toDoubleVector(), 0, confidence, 0, confidence.length);
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
