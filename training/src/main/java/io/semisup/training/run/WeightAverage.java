package io.semisup.training.run;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exponential moving average of a graph's flat parameters (batch-norm statistics included, as they live in the
 * same array in DL4J), the weights a classifier phase evaluates, checkpoints and exports. The decay warms up as
 * {@code min(decay, (1 + t) / (10 + t))} over the phase's steps t, so a short run is not dominated by its first weights.
 */
final class WeightAverage {

    private final double decay;
    private final INDArray average;

    WeightAverage(double decay, INDArray start) {
        this.decay = decay;
        this.average = start.dup();
    }

    /** The decay after {@code step} steps of the phase. */
    static double decayAt(double decay, long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    /** average ← d · average + (1 − d) · params, after step {@code step} of the phase. */
    void update(INDArray params, long step) {
        double d = decayAt(decay, step);
        average.muli(d);
        Nd4j.getBlasWrapper().level1().axpy(average.length(), 1 - d, params, average);
    }

    /** The averaged parameters (live: copy before keeping). */
    INDArray params() {
        return average;
    }

    /** Puts the average into {@code graph} and returns a copy of the weights it had, for {@link #swapOut}. */
    INDArray swapIn(ComputationGraph graph) {
        INDArray live = graph.params().dup();
        graph.setParams(average);
        return live;
    }

    static void swapOut(ComputationGraph graph, INDArray live) {
        graph.setParams(live);
    }
}
