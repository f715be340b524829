package io.semisup.training.method;

import io.semisup.training.backend.Backend;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import io.semisup.training.model.WeightedCrossEntropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FixMatch's loss as DL4J computes it with {@link WeightedCrossEntropy} from {@link FixMatchLoss#targets} (one-hot
 * rows scaled by their weight):
 * its value against the definition, and its gradient against central differences of the definition, in double
 * precision on a softmax layer.
 */
class FixMatchLossTest {

    private static final int L = 3;
    private static final int U = 5;
    private static final int K = 4;
    private static final int IN = 6;
    private static final double LAMBDA = 0.7;
    private static final int[] LABELED = {2, 0, 3};
    private static final PseudoLabels.Selection PSEUDO = new PseudoLabels.Selection(new int[]{1, 1, 0, 3, 2},
            new double[]{1, 0, 0.4, 0, 1});

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
    void targetsAreOneHotRowsScaledByTheirWeight() {
        INDArray t = FixMatchLoss.targets(LABELED, PSEUDO, K, LAMBDA, DataType.DOUBLE);
        double rows = L + U;
        for (int i = 0; i < L; i++) {
            assertEquals(rows / L, t.getDouble(i, LABELED[i]), 1e-12);
            assertEquals(rows / L, t.getRow(i).sumNumber().doubleValue(), 1e-12);
        }
        for (int i = 0; i < U; i++) {
            double weight = PSEUDO.weights()[i] * LAMBDA * rows / U;
            assertEquals(weight, t.getDouble(L + i, PSEUDO.labels()[i]), 1e-12);
            assertEquals(weight, t.getRow(L + i).sumNumber().doubleValue(), 1e-12);
        }
    }

    @Test
    void scoreAndGradientMatchTheDefinition() {
        ComputationGraph graph = softmaxLayer();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, L + U, IN).subi(0.5).muli(2);
        graph.setInputs(x);
        graph.setLabels(FixMatchLoss.targets(LABELED, PSEUDO, K, LAMBDA, DataType.DOUBLE));
        graph.computeGradientAndScore();
        INDArray params = graph.params();
        assertEquals(definition(params, x), graph.score(), 1e-10);

        // DL4J's gradient is the sum over rows; its updater divides by the number of rows (miniBatch), as the score does.
        INDArray analytic = graph.gradient().gradient().dup().divi(L + U);
        double eps = 1e-6;
        double worst = 0;
        for (int j = 0; j < params.length(); j++) {
            double original = params.getDouble(j);
            params.putScalar(j, original + eps);
            double plus = definition(params, x);
            params.putScalar(j, original - eps);
            double minus = definition(params, x);
            params.putScalar(j, original);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.getDouble(j);
            double absolute = Math.abs(a - numeric);
            worst = Math.max(worst, absolute < 1e-9 ? 0 : absolute / (Math.abs(a) + Math.abs(numeric)));
        }
        assertTrue(worst < 1e-6, "worst relative error " + worst);
    }

    /** mean over labelled rows of CE + λ/u · Σ over selected unlabelled rows of CE, from the layer's weights. */
    private static double definition(INDArray params, INDArray x) {
        // DL4J's dense/output layer parameters: W (IN x K, column-major 'f' order) then b.
        double[] p = params.toDoubleVector();
        double labeled = 0;
        double unlabeled = 0;
        for (int r = 0; r < L + U; r++) {
            double[] z = new double[K];
            for (int k = 0; k < K; k++) {
                z[k] = p[IN * K + k];
                for (int i = 0; i < IN; i++) {
                    z[k] += x.getDouble(r, i) * p[k * IN + i];
                }
            }
            double max = java.util.Arrays.stream(z).max().orElseThrow();
            double sum = 0;
            for (double v : z) sum += Math.exp(v - max);
            int target = r < L ? LABELED[r] : PSEUDO.labels()[r - L];
            double ce = -(z[target] - max - Math.log(sum));
            if (r < L) {
                labeled += ce;
            } else {
                unlabeled += PSEUDO.weights()[r - L] * ce;
            }
        }
        return labeled / L + LAMBDA * unlabeled / U;
    }

    private static ComputationGraph softmaxLayer() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("out", new OutputLayer.Builder(new WeightedCrossEntropy()).nIn(IN).nOut(K)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }
}
