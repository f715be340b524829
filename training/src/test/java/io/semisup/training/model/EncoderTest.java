package io.semisup.training.model;

import io.semisup.contracts.job.Method;
import io.semisup.training.backend.Backend;
import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EncoderTest {

    @Test
    void smallImagesGetTheConvNetUnlessAStemAsksForMobileNet() {
        assertEquals(Encoder.CONVNET, TrainingConfig.builder(Method.FIXMATCH).imageSize(32).build().encoder());
        assertEquals(Encoder.MOBILENET_V1, TrainingConfig.builder(Method.FIXMATCH).imageSize(33).build().encoder());
        assertEquals(Encoder.MOBILENET_V1, TrainingConfig.builder(Method.FIXMATCH).imageSize(32).stem(Stem.SMALL).build().encoder());
        assertEquals(Encoder.CONVNET, TrainingConfig.builder(Method.FIXMATCH).imageSize(128).encoder(Encoder.CONVNET).build().encoder());
    }

    @Test
    void theConvNetKeepsA32PixelImageAt4x4WithTheAnchorsWidths() {
        Backend.init();
        TrainingConfig config = TrainingConfig.builder(Method.SUPERVISED).imageSize(32).widthMultiplier(1.0).build();
        ComputationGraph graph = Networks.build(config, 10, Heads.CLASSIFIER);
        Map<String, INDArray> activations = graph.feedForward(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), false);
        assertArrayEquals(new long[]{2, 32, 16, 16}, activations.get("block1_pool").shape());
        assertArrayEquals(new long[]{2, 256, 4, 4}, activations.get("block4_conv2_bn").shape());
        // Four blocks of two 3x3 convolutions, no biases, and a batch norm (4 parameters per channel) after each.
        long convolutions = 9L * (3 * 32 + 32 * 32 + 32 * 64 + 64 * 64 + 64 * 128 + 128 * 128 + 128 * 256 + 256 * 256);
        long norms = 4L * 2 * (32 + 64 + 128 + 256);
        long encoder = graph.numParams() - graph.getLayer(Networks.REPRESENTATION).numParams()
                - graph.getLayer(Networks.CLASSES).numParams();
        assertEquals(convolutions + norms, encoder);
    }
}
