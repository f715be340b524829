package io.semisup.training.model;

import io.semisup.contracts.job.Method;
import io.semisup.training.backend.Backend;
import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The graphs cache each layer's forward pass for its backward pass (rather than running the convolution again):
 * training must take exactly the steps it takes without the cache, across batch sizes (an epoch's last, partial
 * batch) and with inference (evaluation, pseudo-labels) between steps.
 */
class ForwardCacheTest {

    @ParameterizedTest
    @EnumSource(Encoder.class)
    void cachedTrainingTakesTheSameStepsAsRecomputedTraining(Encoder encoder) {
        Backend.init();
        TrainingConfig config = TrainingConfig.builder(Method.SUPERVISED).imageSize(32).widthMultiplier(0.25)
                .encoder(encoder).build();
        ComputationGraph cached = Networks.build(config, 4, Heads.CLASSIFIER);
        assertEquals(CacheMode.DEVICE, cached.getConfiguration().getCacheMode());
        ComputationGraph recomputed = cached.clone();
        recomputed.setCacheMode(CacheMode.NONE);
        INDArray initial = cached.params().dup();

        Nd4j.getRandom().setSeed(7);
        for (int rows : new int[]{8, 5, 8}) {
            DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, rows, 3, 32, 32),
                    Nd4j.eye(4).getRows(IntStream.range(0, rows).map(i -> i % 4).toArray()));
            cached.fit(batch);
            recomputed.fit(batch);
            INDArray probe = Nd4j.rand(DataType.FLOAT, 3, 3, 32, 32);
            assertClose(recomputed.outputSingle(probe), cached.outputSingle(probe));
        }
        assertTrue(initial.distance2(cached.params()) > 0, "training moved the parameters");
        assertClose(recomputed.params(), cached.params());
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        double difference = expected.sub(actual).norm2Number().doubleValue();
        double scale = expected.norm2Number().doubleValue();
        assertTrue(difference <= 1e-6 * scale, "relative difference " + difference / scale);
    }
}
