package io.semisup.training.method;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pseudo-label selection against plain definitions of FixMatch's fixed threshold and FlexMatch's class thresholds. */
class PseudoLabelsTest {

    private static final double TAU = 0.95;

    @Test
    void fixedThresholdKeepsTheArgMaxWhereItReachesTau() {
        PseudoLabels labels = new PseudoLabels(10, 3, TAU, false);
        double[][] p = {{0.96, 0.02, 0.02}, {0.1, 0.85, 0.05}, {0.01, 0.02, 0.97}, {0.3, 0.3, 0.4}};
        PseudoLabels.Selection s = labels.select(p, new int[]{0, 1, 2, 3});
        assertArrayEquals(new int[]{0, 1, 2, 2}, s.labels());
        assertArrayEquals(new boolean[]{true, false, true, false}, s.mask());
        assertEquals(2, s.selected());
        assertEquals(0.5, s.share());
    }

    @Test
    void flexMatchThresholdsStartLowAndRiseAsClassesAreLearned() {
        PseudoLabels labels = new PseudoLabels(4, 2, TAU, true);
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
        PseudoLabels labels = new PseudoLabels(pool, classes, TAU, true);
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
                assertEquals(p[i][arg] >= expectedThresholds[arg], s.mask()[i], "batch " + batch + " row " + i);
            }
            for (int i = 0; i < 8; i++) {
                if (p[i][argmax(p[i])] >= TAU) {
                    learned[sources[i]] = argmax(p[i]);
                }
            }
        }
        assertArrayEquals(learned, labels.state().toIntVector());
        PseudoLabels restored = new PseudoLabels(pool, classes, TAU, true);
        restored.restore(labels.state());
        assertArrayEquals(labels.thresholds(), restored.thresholds(), 0);
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
