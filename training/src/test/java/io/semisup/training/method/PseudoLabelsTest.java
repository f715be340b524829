package io.semisup.training.method;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pseudo-label selection against plain definitions of FixMatch's fixed threshold, FlexMatch's class thresholds,
 * SoftMatch's confidence weights and ReMixMatch's distribution alignment.
 */
class PseudoLabelsTest {

    private static final double TAU = 0.95;

    @Test
    void fixedThresholdKeepsTheArgMaxWhereItReachesTau() {
        PseudoLabels labels = new PseudoLabels(10, 3, TAU, PseudoLabels.Rule.FIXED, null);
        double[][] p = {{0.96, 0.02, 0.02}, {0.1, 0.85, 0.05}, {0.01, 0.02, 0.97}, {0.3, 0.3, 0.4}};
        PseudoLabels.Selection s = labels.select(p, new int[]{0, 1, 2, 3});
        assertArrayEquals(new int[]{0, 1, 2, 2}, s.labels());
        assertArrayEquals(new double[]{1, 0, 1, 0}, s.weights());
        assertEquals(0.5, s.share());
    }

    @Test
    void alignmentDividesByTheMovingMeanOfPredictionsAndMultipliesByTheTarget() {
        PseudoLabels labels = new PseudoLabels(10, 2, TAU, PseudoLabels.Rule.FIXED, new double[]{1, 3});
        // Before any batch the mean is uniform: p · (0.25, 0.75) / (0.5, 0.5), renormalised.
        double[][] first = {{0.99, 0.01}, {0.9, 0.1}};
        PseudoLabels.Selection s = labels.select(first, new int[]{0, 1});
        double aligned = 0.99 * 0.25 / (0.99 * 0.25 + 0.01 * 0.75); // 0.970..., still above τ
        assertArrayEquals(new double[]{aligned >= TAU ? 1 : 0, 0}, s.weights());
        // The mean then moves 1% of the way to the batch's mean prediction (0.945, 0.055).
        double mean0 = 0.5 + 0.01 * (0.945 - 0.5);
        double mean1 = 0.5 + 0.01 * (0.055 - 0.5);
        assertArrayEquals(new double[]{mean0, mean1}, labels.predictionMean(), 1e-12);
        // Class 0 is rarer in the target and has been predicted more: a raw 0.98 becomes 0.941.
        double[][] second = {{0.98, 0.02}};
        double a0 = 0.98 * 0.25 / mean0;
        double a1 = 0.02 * 0.75 / mean1;
        PseudoLabels.Selection t = labels.select(second, new int[]{2});
        assertEquals(0, t.labels()[0]);
        assertEquals(a0 / (a0 + a1) >= TAU ? 1 : 0, t.weights()[0]);
        assertEquals(0, t.weights()[0], "0.98 falls below τ once aligned");
    }

    @Test
    void withoutATargetPredictionsAreUsedAsTheyAre() {
        PseudoLabels labels = new PseudoLabels(10, 2, TAU, PseudoLabels.Rule.FIXED, null);
        for (int i = 0; i < 50; i++) {
            labels.select(new double[][]{{0.99, 0.01}}, new int[]{i % 10});
        }
        assertEquals(1, labels.select(new double[][]{{0.96, 0.04}}, new int[]{0}).weights()[0]);
    }

    @Test
    void flexMatchThresholdsStartLowAndRiseAsClassesAreLearned() {
        PseudoLabels labels = new PseudoLabels(4, 2, TAU, PseudoLabels.Rule.ADAPTIVE, null);
        // Nothing learned yet: β = 0 for every class, so every prediction counts (threshold 0).
        assertArrayEquals(new double[]{0, 0}, labels.thresholds());
        // Images 0 and 1 confidently class 0, image 2 class 1 at 0.9 (< τ: not recorded).
        labels.select(new double[][]{{0.97, 0.03}, {0.99, 0.01}, {0.1, 0.9}}, new int[]{0, 1, 2});
        // σ = (2, 0), unused = 2: β = σ / max(2, 2) = (1, 0); thresholds τ·β/(2-β) = (τ, 0).
        assertArrayEquals(new double[]{TAU, 0}, labels.thresholds(), 1e-12);
        labels.select(new double[][]{{0.02, 0.98}}, new int[]{3});
        // σ = (2, 1), unused = 1: β = (1, 0.5), M(0.5) = 1/3.
        assertArrayEquals(new double[]{TAU, TAU / 3}, labels.thresholds(), 1e-12);
        // Image 0 changes its mind: σ = (1, 2), β = (0.5, 1).
        labels.select(new double[][]{{0.01, 0.99}}, new int[]{0});
        assertArrayEquals(new double[]{TAU / 3, TAU}, labels.thresholds(), 1e-12);
    }

    @Test
    void adaptiveSelectionMatchesItsDefinitionOnRandomBatches() {
        int pool = 50;
        int classes = 4;
        PseudoLabels labels = new PseudoLabels(pool, classes, TAU, PseudoLabels.Rule.ADAPTIVE, null);
        int[] learned = new int[pool];
        java.util.Arrays.fill(learned, -1);
        Random random = new Random(3);
        for (int batch = 0; batch < 40; batch++) {
            double[][] p = new double[8][];
            int[] sources = new int[8];
            for (int i = 0; i < 8; i++) {
                p[i] = softmax(random, classes);
                sources[i] = random.nextInt(pool);
            }
            double[] expectedThresholds = flexMatch(learned, classes);
            PseudoLabels.Selection s = labels.select(p, sources);
            for (int i = 0; i < 8; i++) {
                int arg = argmax(p[i]);
                assertEquals(arg, s.labels()[i]);
                assertEquals(p[i][arg] >= expectedThresholds[arg] ? 1 : 0, s.weights()[i], "batch " + batch + " row " + i);
            }
            for (int i = 0; i < 8; i++) {
                if (p[i][argmax(p[i])] >= TAU) {
                    learned[sources[i]] = argmax(p[i]);
                }
            }
        }
        assertArrayEquals(learned, labels.state().toIntVector());
        PseudoLabels restored = new PseudoLabels(pool, classes, TAU, PseudoLabels.Rule.ADAPTIVE, null);
        restored.restore(labels.state());
        assertArrayEquals(labels.thresholds(), restored.thresholds(), 0);
    }

    @Test
    void softWeightsAreOneAboveTheMeanConfidenceAndAGaussianBelowIt() {
        PseudoLabels labels = new PseudoLabels(10, 2, TAU, PseudoLabels.Rule.SOFT, null);
        // Top probabilities 0.9, 0.6, 0.7: the first batch sets the moments, mean 0.7333 and sample variance 0.02333.
        PseudoLabels.Selection first = labels.select(new double[][]{{0.9, 0.1}, {0.4, 0.6}, {0.3, 0.7}}, new int[]{0, 1, 2});
        assertArrayEquals(new int[]{0, 1, 1}, first.labels());
        double mu = 0.7 + 1.0 / 30;
        double sigma2 = (Math.pow(0.9 - mu, 2) + Math.pow(0.6 - mu, 2) + Math.pow(0.7 - mu, 2)) / 2;
        assertArrayEquals(new double[]{mu, sigma2}, labels.confidenceMoments(), 1e-12);
        assertArrayEquals(new double[]{1, gaussian(0.6, mu, sigma2), gaussian(0.7, mu, sigma2)}, first.weights(), 1e-12);
        // The second batch counts as much as the first (tops 0.55 and 0.99), and weighs with the moments after it.
        PseudoLabels.Selection second = labels.select(new double[][]{{0.45, 0.55}, {0.99, 0.01}}, new int[]{3, 4});
        double mean2 = (0.55 + 0.99) / 2;
        double variance2 = Math.pow(0.55 - mean2, 2) + Math.pow(0.99 - mean2, 2);
        double mu2 = (mu + mean2) / 2;
        double sigma22 = (sigma2 + variance2) / 2;
        assertArrayEquals(new double[]{gaussian(0.55, mu2, sigma22), 1}, second.weights(), 1e-12);
    }

    private static double gaussian(double p, double mu, double sigma2) {
        return Math.exp(-(p - mu) * (p - mu) / (2 * sigma2));
    }

    @Test
    void softWeightsFallForUnconfidentRowsOnceTheNetworkIsConfidentAndResumeExactly() {
        PseudoLabels labels = new PseudoLabels(10, 2, TAU, PseudoLabels.Rule.SOFT, null);
        Random random = new Random(5);
        for (int batch = 0; batch < 5000; batch++) {
            double top = 0.9 + 0.1 * random.nextDouble();
            labels.select(new double[][]{{top, 1 - top}, {1 - top, top}}, new int[]{0, 1});
        }
        double[] moments = labels.confidenceMoments();
        assertEquals(0.95, moments[0], 0.01, "μ follows the mean top probability");
        double[][] batch = {{0.55, 0.45}, {0.99, 0.01}};
        PseudoLabels restored = new PseudoLabels(10, 2, TAU, PseudoLabels.Rule.SOFT, null);
        restored.restoreConfidence(labels.confidenceState());
        PseudoLabels.Selection s = labels.select(batch, new int[]{2, 3});
        assertTrue(s.weights()[0] < 0.5, "an unconfident row counts little: " + s.weights()[0]);
        assertEquals(1, s.weights()[1]);
        assertArrayEquals(s.weights(), restored.select(batch, new int[]{2, 3}).weights(), 0);
    }

    /** FlexMatch (with threshold warm-up), written from the paper: τ·M(σ(c) / max(max σ, N − Σσ)). */
    private static double[] flexMatch(int[] learned, int classes) {
        int[] sigma = new int[classes];
        int unused = 0;
        for (int l : learned) {
            if (l < 0) unused++; else sigma[l]++;
        }
        int max = unused;
        for (int s : sigma) max = Math.max(max, s);
        double[] t = new double[classes];
        for (int c = 0; c < classes; c++) {
            double beta = (double) sigma[c] / max;
            t[c] = TAU * beta / (2 - beta);
        }
        return t;
    }

    /** Peaked distributions, so that some rows pass τ. */
    private static double[] softmax(Random random, int classes) {
        double[] z = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            z[c] = Math.exp(random.nextGaussian() * 4);
            sum += z[c];
        }
        for (int c = 0; c < classes; c++) z[c] /= sum;
        return z;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
    }
}
