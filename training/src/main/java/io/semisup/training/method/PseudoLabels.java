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
 */
final class PseudoLabels {

    /** Per row of a batch: the pseudo-label, whether it counts, and how many rows count. */
    record Selection(int[] labels, boolean[] mask, int selected) {
        double share() {
            return labels.length == 0 ? 0 : (double) selected / labels.length;
        }
    }

    private final double tau;
    private final boolean adaptive;
    private final int[] learned;
    private final int[] counts;
    private int unused;

    PseudoLabels(int poolSize, int classes, double tau, boolean adaptive) {
        this.tau = tau;
        this.adaptive = adaptive;
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
     * Selects among {@code probabilities} (one row per unlabelled image, {@code sources} their indices in the pool)
     * with the thresholds from before this batch, then records the batch's confident predictions.
     */
    Selection select(double[][] probabilities, int[] sources) {
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
