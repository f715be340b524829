package io.semisup.training.run;

import io.semisup.contracts.job.Method;
import io.semisup.training.backend.Backend;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The weight average against its definition, and swapping it into a graph and back. */
class WeightAverageTest {

    @Test
    void updatesAsDefinedWithAWarmedUpDecay() {
        Backend.init();
        float[] start = {1, 2, 3};
        WeightAverage average = new WeightAverage(0.999, Nd4j.createFromArray(start));
        double[] expected = {1, 2, 3};
        for (int step = 0; step < 200; step++) {
            float[] params = {step, -step, 0.5f * step};
            double d = Math.min(0.999, (1.0 + step) / (10.0 + step));
            assertEquals(d, WeightAverage.decayAt(0.999, step), 1e-15);
            for (int i = 0; i < 3; i++) {
                expected[i] = d * expected[i] + (1 - d) * params[i];
            }
            average.update(Nd4j.createFromArray(params), step);
        }
        double[] actual = average.params().toDoubleVector();
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], actual[i], 1e-3 * Math.abs(expected[i]));
        }
        assertEquals(0.999, WeightAverage.decayAt(0.999, 1_000_000), 0);
    }

    @Test
    void swapsIntoTheGraphAndBack() {
        Backend.init();
        TrainingConfig config = MethodsTest.tiny(Method.SUPERVISED, 1);
        ComputationGraph graph = Networks.build(config, 3, Heads.CLASSIFIER);
        float[] live = graph.params().toFloatVector();
        WeightAverage average = new WeightAverage(0.9, Nd4j.rand(DataType.FLOAT, graph.params().shape()));
        INDArray saved = average.swapIn(graph);
        assertArrayEquals(average.params().toFloatVector(), graph.params().toFloatVector());
        WeightAverage.swapOut(graph, saved);
        assertArrayEquals(live, graph.params().toFloatVector());
    }
}
