package io.semisup.training.model;

import io.semisup.contracts.job.Method;
import io.semisup.training.backend.Backend;
import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The schedule's curve, and moving its end: every layer's copy of the updater follows. */
class WarmupCosineScheduleTest {

    @Test
    void warmsUpThenDecaysToZeroAtTheEnd() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(0.1, 10, 110);
        assertEquals(0.01, s.valueAt(0, 0), 1e-12);
        assertEquals(0.1, s.valueAt(9, 0), 1e-12);
        assertEquals(0.1, s.valueAt(10, 0), 1e-12);
        assertEquals(0.05, s.valueAt(60, 0), 1e-12);
        assertEquals(0.0, s.valueAt(110, 0), 1e-12);
        assertEquals(0.0, s.valueAt(500, 0), 1e-12);
    }

    @Test
    void movingTheEndReachesEveryLayerOfTheGraph() {
        Backend.init();
        WarmupCosineSchedule schedule = new WarmupCosineSchedule(0.1, 0, 1000);
        TrainingConfig config = TrainingConfig.builder(Method.SUPERVISED).imageSize(16).widthMultiplier(0.25)
                .encoder(Encoder.MOBILENET_V1).build(); // the layer names below are MobileNetV1's
        ComputationGraph graph = Networks.build(config, 3, Heads.CLASSIFIER, 1.0, schedule);
        assertEquals(0.05, rate(graph, "conv0", 500), 1e-9);
        assertEquals(0.05, rate(graph, Networks.CLASSES, 500), 1e-9);

        schedule.endAt(500);

        assertEquals(0.0, rate(graph, "conv0", 500), 1e-9);
        assertEquals(0.0, rate(graph, Networks.CLASSES, 500), 1e-9);
        assertEquals(0.05, rate(graph, "pw13", 250), 1e-9);
        assertEquals(500, ((WarmupCosineSchedule) schedule.clone()).totalSteps());
    }

    private static double rate(ComputationGraph graph, String layer, int iteration) {
        return ((BaseLayer) graph.getLayer(layer).conf().getLayer()).getIUpdater().getLearningRate(iteration, 0);
    }
}
