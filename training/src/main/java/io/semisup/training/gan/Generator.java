package io.semisup.training.gan;

import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The SGAN generator, DCGAN-style: Gaussian noise → dense → batch norm + ReLU at 4x4 (or a little more) → blocks of
 * 2x nearest-neighbour upsampling, 3x3 convolution, batch norm and ReLU, halving the channels (128·α first) → 3x3
 * convolution with tanh: an RGB image in [-1, 1], NCHW, at the training input size (a size that is not 4 times a
 * power of two is cropped at its end). Upsampling and convolution rather than transposed convolution: no checkerboard
 * artefacts. Adam with β1 = 0.5 at a constant rate, as in DCGAN.
 *
 * <p>It learns from gradients with respect to its images that the discriminator supplies: {@link #forward} keeps its
 * activations (no workspaces), {@link #backprop} turns an image gradient into weight gradients, {@link #update}
 * applies them with its own optimizer.
 */
public final class Generator {

    private final MultiLayerNetwork network;
    private final int noiseSize;

    private Generator(MultiLayerNetwork network, int noiseSize) {
        this.network = network;
        this.noiseSize = noiseSize;
    }

    public static Generator build(TrainingConfig config, DataType type) {
        int size = config.imageSize();
        int blocks = Math.max(1, (int) Math.floor(Math.log(size / 4.0) / Math.log(2)));
        int start = (int) Math.ceil(size / Math.pow(2, blocks));
        int channels = width(config.widthMultiplier(), 0);
        var list = new NeuralNetConfiguration.Builder()
                .seed(config.seed() + 1)
                .dataType(type)
                .updater(new Adam(config.generatorLearningRate(), 0.5, 0.999, 1e-8))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                // Activations must outlive forward() until backprop(): no workspaces.
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .cacheMode(CacheMode.NONE)
                .list()
                .layer(new DenseLayer.Builder().nIn(config.noiseSize()).nOut(channels * start * start).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .inputPreProcessor(3, new FeedForwardToCnnPreProcessor(start, start, channels));
        for (int b = 1; b <= blocks; b++) {
            list.layer(new Upsampling2D.Builder(2).build())
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(width(config.widthMultiplier(), b)).hasBias(false)
                            .activation(Activation.IDENTITY).build())
                    .layer(new BatchNormalization.Builder().build())
                    .layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        }
        list.layer(new ConvolutionLayer.Builder(3, 3).nOut(3).weightInit(WeightInit.XAVIER)
                .activation(Activation.TANH).build());
        int extra = start * (1 << blocks) - size;
        if (extra > 0) {
            list.layer(new Cropping2D.Builder(0, extra, 0, extra).build());
        }
        MultiLayerNetwork network = new MultiLayerNetwork(list.setInputType(InputType.feedForward(config.noiseSize())).build());
        network.init();
        return new Generator(network, config.noiseSize());
    }

    private static int width(double alpha, int block) {
        return Math.max(8, (int) Math.round(128 * alpha / (1 << block)));
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** Standard normal noise, a pure function of {@code random}'s state. */
    public INDArray noise(int rows, SplittableRandom random) {
        double[] values = new double[rows * noiseSize];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return Nd4j.create(values, new long[]{rows, noiseSize}, DataType.DOUBLE).castTo(network.params().dataType());
    }

    /** Images for {@code noise} with batch statistics (training mode), without keeping anything for backprop. */
    public INDArray generate(INDArray noise) {
        return network.output(noise, true);
    }

    /** Images for {@code noise} in training mode, keeping the activations for {@link #backprop}. */
    public INDArray forward(INDArray noise) {
        network.setInput(noise);
        List<INDArray> activations = network.feedForward(true, false);
        return activations.get(activations.size() - 1);
    }

    /** Weight gradients for the image gradient {@code dImages} of the last {@link #forward} (not yet applied). */
    public Gradient backprop(INDArray dImages) {
        return network.backpropGradient(dImages, LayerWorkspaceMgr.noWorkspaces()).getFirst();
    }

    /** One optimizer step; {@code gradient} is in DL4J's convention (summed over {@code rows}, divided here). */
    public void update(Gradient gradient, int rows) {
        network.getUpdater().update(network, gradient, network.getIterationCount(), network.getEpochCount(), rows,
                LayerWorkspaceMgr.noWorkspaces());
        network.params().subi(gradient.gradient());
        network.setIterationCount(network.getIterationCount() + 1);
    }
}
