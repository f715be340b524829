package io.semisup.training.model;

import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the graphs every method trains: input "image" (NCHW: 3 x size x size, RGB in [-1, 1]) → the {@link Encoder} →
 * "representation" (dense + ReLU) → "classes" (softmax) and/or "projection" (dense + ReLU + linear, NT-Xent).
 * Every graph names its layers the same way, so weights move between them with {@link #copyShared}.
 */
public final class Networks {

    public static final String INPUT = "image";
    public static final String CLASSES = "classes";
    public static final String PROJECTION = "projection";
    public static final String REPRESENTATION = "representation";
    /** Channels first: NHWC trained as fast at 32x32 but 20% slower at 128x128 with oneDNN here (measured). */
    public static final CNN2DFormat FORMAT = CNN2DFormat.NCHW;

    private Networks() {
    }

    /** A graph for inference or export: its optimizer settings are never used. */
    public static ComputationGraph build(TrainingConfig config, int numClasses, Heads heads) {
        return build(config, numClasses, heads, 1.0, new WarmupCosineSchedule(config.learningRate(), 0, 1));
    }

    /**
     * @param schedule       the learning rate per step of the phase
     * @param classLossScale multiplies the cross-entropy: DL4J averages a masked loss over all rows of the batch, so
     *                       a batch where only a share of the rows is labelled passes 1/share to get the mean over the
     *                       labelled rows
     */
    public static ComputationGraph build(TrainingConfig config, int numClasses, Heads heads, double classLossScale,
                                         ISchedule schedule) {
        return build(config, numClasses, heads, crossEntropy(numClasses, classLossScale), schedule);
    }

    /** Softmax cross-entropy, multiplied by {@code scale} (see {@link #build}'s classLossScale). */
    public static ILossFunction crossEntropy(int numClasses, double scale) {
        return new LossMCXENT(Nd4j.ones(DataType.FLOAT, numClasses).muli(scale));
    }

    /** @param classLoss the classifier head's loss */
    public static ComputationGraph build(TrainingConfig config, int numClasses, Heads heads, ILossFunction classLoss,
                                         ISchedule schedule) {
        GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .updater(updater(config, schedule))
                .weightInit(WeightInit.RELU)
                .l2(config.weightDecay())
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                // Without a cache, every convolution's backward pass runs its forward pass again (DL4J needs the
                // pre-activation for the activation's gradient): about a sixth of a ConvNet step. Measured: 110 -> 140
                // images/s, supervised, cifar10-ssl 32x32 (README, Training speed).
                .cacheMode(CacheMode.DEVICE)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(config.imageSize(), config.imageSize(), 3, FORMAT));
        String features = config.encoder().add(graph, INPUT, config, FORMAT);
        graph.addLayer(REPRESENTATION, new DenseLayer.Builder().nOut(config.representation())
                .activation(Activation.RELU).build(), features);
        List<String> outputs = new ArrayList<>();
        if (heads.classifier()) {
            graph.addLayer(CLASSES, new OutputLayer.Builder(classLoss).nOut(numClasses)
                    .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), REPRESENTATION);
            outputs.add(CLASSES);
        }
        if (heads.projection()) {
            graph.addLayer("projection_hidden", new DenseLayer.Builder().nOut(config.representation())
                    .activation(Activation.RELU).build(), REPRESENTATION);
            graph.addLayer(PROJECTION, new OutputLayer.Builder(new NtXentLoss(config.temperature()))
                    .nOut(config.projection()).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(),
                    "projection_hidden");
            outputs.add(PROJECTION);
        }
        ComputationGraphConfiguration conf = graph.setOutputs(outputs.toArray(String[]::new)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Copies the weights (and batch-norm statistics) of every layer both graphs share by name. */
    public static void copyShared(ComputationGraph from, ComputationGraph to) {
        for (var layer : to.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (from.getConfiguration().getVertices().containsKey(name) && layer.numParams() > 0) {
                var source = from.getLayer(name);
                if (source.numParams() == layer.numParams()) {
                    layer.setParams(source.params().dup());
                }
            }
        }
    }

    private static IUpdater updater(TrainingConfig config, ISchedule schedule) {
        return switch (config.optimizer()) {
            case ADAM -> new Adam(schedule);
            case SGD -> new Nesterovs(schedule, 0.9);
        };
    }
}
