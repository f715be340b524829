package io.semisup.training.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.semisup.contracts.job.Method;
import io.semisup.training.backend.Backend;
import io.semisup.training.model.Encoder;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import io.semisup.training.model.Stem;
import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ONNX Runtime and Deeplearning4j give the same probabilities for every classifier shape the trainer produces. */
class OnnxExportParityTest {

    private static final List<String> CLASSES = List.of("a", "b", "c", "d", "e");

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @ParameterizedTest(name = "{0}, α={1}, {2}x{2}, {3} stem")
    @CsvSource({"mobilenet-v1, 0.25, 16, standard", "mobilenet-v1, 0.25, 21, small", "mobilenet-v1, 0.5, 32, small",
            "mobilenet-v1, 0.5, 32, standard", "mobilenet-v1, 1.0, 24, standard",
            // 21 pixels: the max pooling's "Same" padding is exercised (21 → 11 → 6 → 3).
            "convnet, 0.5, 32, standard", "convnet, 0.25, 21, standard"})
    void onnxRuntimeMatchesDl4j(String encoder, double alpha, int size, String stem) throws OrtException {
        TrainingConfig config = TrainingConfig.builder(Method.SUPERVISED).imageSize(size).widthMultiplier(alpha)
                .encoder(Encoder.of(encoder)).stem(Stem.of(stem)).representation(24).seed(size).build();
        ComputationGraph network = Networks.build(config, CLASSES.size(), Heads.CLASSIFIER);
        // Random weights and batch-norm statistics, so folding is tested on non-trivial values.
        Nd4j.getRandom().setSeed(size);
        network.setParams(Nd4j.rand(DataType.FLOAT, network.params().shape()).subi(0.5).muli(0.4));

        byte[] model = OnnxExporter.export(network, ModelCard.of(new ModelCard.Origin("m1", "job-1", "pets", "v3"), config, CLASSES));

        INDArray nchw = Nd4j.rand(DataType.FLOAT, 4, 3, size, size).muli(2).subi(1);
        INDArray expected = network.outputSingle(false,
                Networks.FORMAT == CNN2DFormat.NHWC ? nchw.permute(0, 2, 3, 1).dup('c') : nchw);
        // Informative outputs only: neither saturated nor uniform, or a wrong translation could hide.
        double spread = expected.std(1).meanNumber().doubleValue();
        assertTrue(spread > 1e-3 && expected.maxNumber().doubleValue() < 0.999, "degenerate outputs " + expected);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw.data().asFloat()), new long[]{4, 3, size, size});
             OrtSession.Result result = session.run(Map.of(ModelCard.INPUT, input))) {
            float[][] actual = (float[][]) result.get(ModelCard.OUTPUT).orElseThrow().getValue();
            double worst = 0;
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < CLASSES.size(); k++) {
                    worst = Math.max(worst, Math.abs(actual[i][k] - expected.getDouble(i, k)));
                }
            }
            assertTrue(worst < 1e-4, "max |ONNX - DL4J| = " + worst);
            Map<String, String> metadata = session.getMetadata().getCustomMetadata();
            assertEquals(String.join("\n", CLASSES), metadata.get("semisup.classes"));
            assertEquals(Integer.toString(size), metadata.get("semisup.input_size"));
            assertEquals("m1", metadata.get("semisup.model_id"));
            String architecture = metadata.get("semisup.architecture");
            assertEquals(ModelCard.architecture(config), architecture);
            assertTrue(architecture.startsWith(encoder.replace('-', '_')), architecture);
        }
    }

    @Test
    void refusesLayersItCannotTranslate() {
        ComputationGraph pooled = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("avgpool", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build(), "in")
                .addLayer("out", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "avgpool")
                .setOutputs("out").build());
        pooled.init();
        ExportException refused = assertThrows(ExportException.class,
                () -> OnnxExporter.export(pooled, new ModelCard("m", null, null, null, "x", List.of("p", "q"), 8, "pooled")));
        assertTrue(refused.getMessage().contains("avgpool"), refused.getMessage());
    }
}
