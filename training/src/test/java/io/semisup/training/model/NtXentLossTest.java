package io.semisup.training.model;

import io.semisup.training.backend.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NT-Xent against a plain-Java reference and its autodiff gradient against central differences, in double precision. */
class NtXentLossTest {

    private static final double TAU = 0.5;

    @BeforeAll
    static void doublePrecision() {
        Backend.init();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void matchesTheDefinition() {
        INDArray z = Nd4j.rand(DataType.DOUBLE, 6, 4).subi(0.5);
        INDArray perRow = new NtXentLoss(TAU).computeScoreArray(labels(z), z, new ActivationIdentity(), null);
        double[][] v = z.toDoubleMatrix();
        for (int i = 0; i < v.length; i++) {
            assertEquals(reference(v, i), perRow.getDouble(i), 1e-9, "row " + i);
        }
    }

    @Test
    void gradientMatchesCentralDifferences() {
        NtXentLoss loss = new NtXentLoss(TAU);
        Nd4j.getRandom().setSeed(11);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 8, 5).subi(0.5);
        INDArray analytic = loss.computeGradient(labels(z), z, new ActivationIdentity(), null);
        double eps = 1e-6;
        double worst = 0;
        for (int r = 0; r < z.rows(); r++) {
            for (int c = 0; c < z.columns(); c++) {
                double original = z.getDouble(r, c);
                z.putScalar(r, c, original + eps);
                double plus = loss.computeScore(labels(z), z, new ActivationIdentity(), null, false);
                z.putScalar(r, c, original - eps);
                double minus = loss.computeScore(labels(z), z, new ActivationIdentity(), null, false);
                z.putScalar(r, c, original);
                double numeric = (plus - minus) / (2 * eps);
                double a = analytic.getDouble(r, c);
                // Relative error, except where both are tiny and finite differences are all rounding.
                double absolute = Math.abs(a - numeric);
                double relative = absolute / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
                worst = Math.max(worst, absolute < 1e-8 ? 0 : relative);
            }
        }
        assertTrue(worst < 1e-5, "worst relative error " + worst);
    }

    @Test
    void pairedViewsScoreLowerThanUnrelatedOnes() {
        INDArray base = Nd4j.rand(DataType.DOUBLE, 4, 8).subi(0.5);
        INDArray paired = Nd4j.concat(0, base, base.add(Nd4j.rand(DataType.DOUBLE, 4, 8).muli(0.01)));
        INDArray unrelated = Nd4j.concat(0, base, Nd4j.rand(DataType.DOUBLE, 4, 8).subi(0.5));
        NtXentLoss loss = new NtXentLoss(TAU);
        double good = loss.computeScore(labels(paired), paired, new ActivationIdentity(), null, true);
        double bad = loss.computeScore(labels(unrelated), unrelated, new ActivationIdentity(), null, true);
        assertTrue(good < bad, good + " should be below " + bad);
    }

    /** -log(exp(s_ip) / sum_{j≠i} exp(s_ij)), s = cosine / τ, p = the other view of row i's image. */
    private static double reference(double[][] z, int i) {
        int n = z.length / 2;
        int partner = i < n ? i + n : i - n;
        double denominator = 0;
        for (int j = 0; j < z.length; j++) {
            if (j != i) {
                denominator += Math.exp(cosine(z[i], z[j]) / TAU);
            }
        }
        return -Math.log(Math.exp(cosine(z[i], z[partner]) / TAU) / denominator);
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static INDArray labels(INDArray z) {
        return Nd4j.zeros(z.dataType(), z.rows(), z.columns());
    }
}
