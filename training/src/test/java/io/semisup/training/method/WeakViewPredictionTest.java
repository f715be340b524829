package io.semisup.training.method;

import io.semisup.training.backend.Backend;
import io.semisup.training.model.BatchNormActivation;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FixMatch's weak views are predicted with their own batch statistics: the running statistics neither shape the
 * pseudo-labels nor change by being asked.
 */
class WeakViewPredictionTest {

    @Test
    void predictionsUseTheBatchStatisticsAndLeaveTheRunningOnesAlone() {
        Backend.init();
        ComputationGraph graph = graph();
        Nd4j.getRandom().setSeed(5);
        INDArray views = Nd4j.rand(DataType.FLOAT, 6, 3, 5, 5).muli(4).subi(1);
        double[][] before = FixMatchPhase.predictWeakViews(graph, views);

        // Running statistics far from the batch's: inference mode answers differently, the weak-view prediction does not.
        graph.getParam("bn_mean").assign(Nd4j.createFromArray(40f, -40f, 40f));
        graph.getParam("bn_log10stdev").assign(-1f);
        INDArray running = graph.params().dup();
        double[][] after = FixMatchPhase.predictWeakViews(graph, views);

        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 1e-5, "row " + i);
        }
        double[][] inference = graph.outputSingle(false, views).toDoubleMatrix();
        double largest = 0;
        for (int i = 0; i < before.length; i++) {
            for (int c = 0; c < before[i].length; c++) {
                largest = Math.max(largest, Math.abs(inference[i][c] - before[i][c]));
            }
        }
        assertTrue(largest > 0.1, "inference mode used the running statistics: largest difference " + largest);
        assertEquals(0.0, graph.params().sub(running).amaxNumber().doubleValue(), 0.0,
                "parameters and running statistics after predicting");
    }

    private static ComputationGraph graph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new Sgd(0.1)).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(5, 5, 3, CNN2DFormat.NCHW))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormActivation(3, new ActivationLReLU(0.1), CNN2DFormat.NCHW), "conv")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build());
        graph.init();
        return graph;
    }
}
