package io.semisup.training.method;

import io.semisup.training.model.WeightedCrossEntropy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FixMatch's loss, L = mean over the l labelled rows of CE(y, p) + λ · (1/u) Σ over the u strongly augmented rows of
 * w · CE(pseudo-label, p), as targets for {@link WeightedCrossEntropy}: one-hot rows scaled by the row's weight.
 * DL4J divides the summed loss by the number of rows (l + u), so labelled rows weigh (l + u) / l and pseudo-labelled
 * ones w λ (l + u) / u, w the pseudo-label's weight (0 where not selected).
 */
final class FixMatchLoss {

    private FixMatchLoss() {
    }

    static INDArray targets(int[] labeled, PseudoLabels.Selection pseudo, int classes, double lambda, DataType type) {
        int l = labeled.length;
        int u = pseudo.labels().length;
        int rows = l + u;
        INDArray targets = Nd4j.zeros(type, rows, classes);
        for (int i = 0; i < l; i++) {
            targets.putScalar(i, labeled[i], (double) rows / l);
        }
        for (int i = 0; i < u; i++) {
            if (pseudo.weights()[i] > 0) {
                targets.putScalar(l + i, pseudo.labels()[i], pseudo.weights()[i] * lambda * rows / u);
            }
        }
        return targets;
    }
}
