package io.semisup.training.gan;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The discriminator's loss: its parts against their definitions, and its gradient against central differences. */
class SganLossTest {

    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    /** Two labelled rows, two unlabelled real rows, two generated rows, three classes. */
    private static INDArray labels() {
        return Nd4j.createFromArray(new double[][]{{0, 1, 0}, {1, 0, 0}, {0, 0, 0}, {0, 0, 0}, {-1, -1, -1}, {-1, -1, -1}});
    }

    private static INDArray logits() {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.randn(DataType.DOUBLE, 6, 3).muli(2);
    }

    @Test
    void partsFollowTheKLogitDefinitions() {
        INDArray l = logits();
        SganLoss loss = new SganLoss();
        double score = loss.computeScore(labels(), l, IDENTITY, null, true);
        double[] logZ = new double[6];
        for (int i = 0; i < 6; i++) {
            double z = 0;
            for (int k = 0; k < 3; k++) {
                z += Math.exp(l.getDouble(i, k));
            }
            logZ[i] = Math.log(z);
        }
        double supervised = ((logZ[0] - l.getDouble(0, 1)) + (logZ[1] - l.getDouble(1, 0))) / 2;
        // D = Z / (Z + 1): real rows pay -log D, generated rows -log(1 - D).
        double real = (-Math.log(Math.exp(logZ[2]) / (Math.exp(logZ[2]) + 1)) - Math.log(Math.exp(logZ[3]) / (Math.exp(logZ[3]) + 1))) / 2;
        double generated = (-Math.log(1 / (Math.exp(logZ[4]) + 1)) - Math.log(1 / (Math.exp(logZ[5]) + 1))) / 2;
        SganLoss.Parts parts = loss.last();
        assertEquals(supervised, parts.supervised(), 1e-12);
        assertEquals(real, parts.real(), 1e-12);
        assertEquals(generated, parts.generated(), 1e-12);
        assertEquals(supervised + real + generated, score, 1e-12);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        INDArray l = logits();
        INDArray y = labels();
        SganLoss loss = new SganLoss();
        INDArray analytic = loss.computeGradient(y, l, IDENTITY, null);
        double eps = 1e-6;
        double worst = 0;
        String where = "";
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 3; k++) {
                double original = l.getDouble(i, k);
                l.putScalar(i, k, original + eps);
                double plus = loss.computeScore(y, l, IDENTITY, null, false);
                l.putScalar(i, k, original - eps);
                double minus = loss.computeScore(y, l, IDENTITY, null, false);
                l.putScalar(i, k, original);
                // DL4J's convention: the gradient of the summed (not averaged) score.
                double numeric = (plus - minus) / (2 * eps);
                // Central differences of a sum of O(1) terms carry an absolute error of about 1e-10.
                double error = Math.abs(numeric - analytic.getDouble(i, k)) / Math.max(1e-3, Math.abs(numeric));
                if (error > worst) {
                    worst = error;
                    where = "[" + i + ", " + k + "]: analytic " + analytic.getDouble(i, k) + ", numeric " + numeric;
                }
            }
        }
        assertTrue(worst < 1e-6, "worst relative error " + worst + " at " + where);
    }
}
