package io.semisup.training.model;

import io.semisup.training.backend.Backend;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused batch norm + activation against a plain definition (a finite-difference gradient check of the kernel)
 * and against DL4J's own BatchNormalization followed by an ActivationLayer (parity of outputs, gradients and
 * running statistics), for each activation it supports.
 */
class BatchNormActivationTest {

    private static final BatchNormKernel.Shape SHAPE = new BatchNormKernel.Shape(4, 3, 25);

    private static IActivation activation(String name) {
        return switch (name) {
            case "identity" -> new ActivationIdentity();
            case "relu" -> new ActivationReLU();
            default -> new ActivationLReLU(0.1);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "relu", "leaky"})
    void kernelGradientsMatchFiniteDifferences(String name) {
        float slope = BatchNormActivation.slope(activation(name));
        Random random = new Random(7);
        int size = SHAPE.rows() * SHAPE.channels() * SHAPE.area();
        float[] x = values(random, size, 1.5f, 0.3f);
        float[] weights = values(random, size, 1f, 0f); // loss = Σ weights · output
        float[] gamma = {1.3f, 0.7f, -0.9f};
        float[] beta = {0.2f, -0.4f, 0.1f};
        double eps = 1e-5;

        float[] mean = new float[3];
        float[] var = new float[3];
        float[] grad = weights.clone();
        float[] dGamma = new float[3];
        float[] dBeta = new float[3];
        float[] out = x.clone();
        BatchNormKernel.forwardTraining(out, SHAPE, gamma, beta, eps, slope, mean, var);
        BatchNormKernel.backward(x, grad, SHAPE, gamma, beta, eps, slope, mean, var, dGamma, dBeta);

        float[] preActivation = x.clone();
        BatchNormKernel.forwardTraining(preActivation, SHAPE, gamma, beta, eps, 1f, new float[3], new float[3]);
        double h = 1e-2;
        int checked = 0;
        for (int i = 0; i < size && checked < 40; i += 3) {
            if (Math.abs(preActivation[i]) < 0.2) {
                continue; // a step of h could cross the activation's kink
            }
            final int index = i;
            double numeric = (loss(x, weights, gamma, beta, eps, slope, v -> v[index] += (float) h)
                    - loss(x, weights, gamma, beta, eps, slope, v -> v[index] -= (float) h)) / (2 * h);
            assertClose(numeric, grad[i], "dL/dx[" + i + "]");
            checked++;
        }
        assertTrue(checked > 20, "too few inputs away from the kink: " + checked);
        double k = 1e-3; // γ and β move every value of a channel: a smaller step crosses fewer kinks
        for (int c = 0; c < 3; c++) {
            double numericGamma = (loss(x, weights, plus(gamma, c, k), beta, eps, slope, v -> { })
                    - loss(x, weights, plus(gamma, c, -k), beta, eps, slope, v -> { })) / (2 * k);
            double numericBeta = (loss(x, weights, gamma, plus(beta, c, k), eps, slope, v -> { })
                    - loss(x, weights, gamma, plus(beta, c, -k), eps, slope, v -> { })) / (2 * k);
            assertClose(numericGamma, dGamma[c], "dL/dgamma[" + c + "]");
            assertClose(numericBeta, dBeta[c], "dL/dbeta[" + c + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "relu", "leaky"})
    void matchesDl4jBatchNormFollowedByItsActivationLayer(String name) throws IOException {
        Backend.init();
        IActivation activation = activation(name);
        ComputationGraph fused = graph(new BatchNormActivation(3, activation, CNN2DFormat.NCHW), null);
        ComputationGraph plain = graph(new BatchNormalization.Builder().nOut(3).build(),
                new ActivationLayer.Builder().activation(activation).build());
        Random random = new Random(11);
        INDArray params = fused.params();
        for (String p : new String[]{"bn_gamma", "bn_beta", "bn_mean", "bn_log10stdev"}) {
            INDArray param = fused.getParam(p);
            param.assign(Nd4j.rand(DataType.FLOAT, param.shape()).subi(0.5));
        }
        plain.setParams(params.dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 5, 5).muli(3).subi(1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 2);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, random.nextInt(2), 1f);
        }

        assertAllClose(plain.outputSingle(false, x), fused.outputSingle(false, x), "inference output");
        assertAllClose(plain.outputSingle(true, x), fused.outputSingle(true, x), "training output");
        plain.setInputs(x);
        plain.setLabels(labels);
        plain.computeGradientAndScore();
        fused.setInputs(x);
        fused.setLabels(labels);
        fused.computeGradientAndScore();
        assertEquals(plain.score(), fused.score(), 1e-5, "score");
        // The convolution's gradient carries the batch norm's gradient with respect to its input.
        for (String p : new String[]{"conv_W", "bn_gamma", "bn_beta", "out_W"}) {
            assertAllClose(plain.gradient().getGradientFor(p), fused.gradient().getGradientFor(p), p + " gradient");
        }
        plain.fit(new INDArray[]{x}, new INDArray[]{labels});
        fused.fit(new INDArray[]{x}, new INDArray[]{labels});
        assertAllClose(plain.params(), fused.params(), "parameters and running statistics after a step");

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(fused, saved, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(saved.toByteArray()), true);
        assertAllClose(fused.outputSingle(false, x), restored.outputSingle(false, x), "output after saving and loading");
    }

    private static ComputationGraph graph(Layer norm, Layer activation) {
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new Sgd(0.1)).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(5, 5, 3, CNN2DFormat.NCHW))
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(3).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", norm, "conv");
        String last = "bn";
        if (activation != null) {
            builder.addLayer("act", activation, "bn");
            last = "act";
        }
        builder.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out");
        ComputationGraph graph = new ComputationGraph(builder.build());
        graph.init();
        return graph;
    }

    private static double loss(float[] x, float[] weights, float[] gamma, float[] beta, double eps, float slope,
                               Consumer<float[]> change) {
        float[] v = x.clone();
        change.accept(v);
        BatchNormKernel.forwardTraining(v, SHAPE, gamma, beta, eps, slope, new float[3], new float[3]);
        double loss = 0;
        for (int i = 0; i < v.length; i++) {
            loss += (double) weights[i] * v[i];
        }
        return loss;
    }

    private static float[] plus(float[] values, int index, double h) {
        float[] copy = values.clone();
        copy[index] += (float) h;
        return copy;
    }

    private static float[] values(Random random, int size, float scale, float offset) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (random.nextGaussian() * scale + offset);
        }
        return v;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 2e-3 * Math.max(1, Math.abs(expected)), what);
    }

    private static void assertAllClose(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double difference = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(difference <= 1e-4 * scale, what + ": largest difference " + difference + " (scale " + scale + ")");
    }
}
