package io.semisup.training.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/**
 * MobileNetV1 (Howard et al. 2017) as DL4J layers: a 3x3 stride-2 convolution, 13 depthwise-separable blocks, each
 * convolution followed by batch norm and ReLU (one {@link BatchNormActivation} layer), then global average pooling. Any input size works; α scales every
 * width; the {@link Stem} decides whether small inputs keep their early resolution. Depthwise + 1x1 convolutions rather than {@code SeparableConvolution2D}, which is about 5x slower in DL4J.
 */
public final class MobileNetV1 {

    /** (output channels at α = 1, stride) of the 13 depthwise-separable blocks, as in the paper's table 1. */
    private static final int[][] BLOCKS = {
            {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
            {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};

    private MobileNetV1() {
    }

    /** Multiply-adds x 2 of one image's forward pass through the encoder (convolutions only), for throughput in GFLOP/s. */
    public static double forwardFlops(double alpha, int size, Stem stem) {
        int side = (size + stem.stemStride() - 1) / stem.stemStride();
        int channels = Encoder.scaled(32, alpha);
        double flops = 2.0 * side * side * 9 * 3 * channels;
        for (int i = 0; i < BLOCKS.length; i++) {
            int[] block = BLOCKS[i];
            int stride = stem.blockStride(i, block[1]);
            side = (side + stride - 1) / stride;
            int out = Encoder.scaled(block[0], alpha);
            flops += 2.0 * side * side * 9 * channels + 2.0 * side * side * channels * out;
            channels = out;
        }
        return flops;
    }

    /**
     * Adds the encoder to a graph, reading from {@code input} (images in {@code format}); returns the name of its output, the
     * pooled feature vector. Layer names are stable, so encoders can be copied between graphs by name.
     */
    public static String addEncoder(GraphBuilder graph, String input, double alpha, Stem stem, CNN2DFormat format) {
        int channels = Encoder.scaled(32, alpha);
        int stemStride = stem.stemStride();
        graph.addLayer("conv0", new ConvolutionLayer.Builder(3, 3).stride(stemStride, stemStride).nIn(3).nOut(channels)
                .hasBias(false).dataFormat(format).activation(Activation.IDENTITY).build(), input);
        String last = normAndRelu(graph, "conv0", channels, format);
        for (int i = 0; i < BLOCKS.length; i++) {
            int out = Encoder.scaled(BLOCKS[i][0], alpha);
            int stride = stem.blockStride(i, BLOCKS[i][1]);
            String dw = "dw" + (i + 1);
            graph.addLayer(dw, new DepthwiseConvolution2D.Builder(3, 3).stride(stride, stride).depthMultiplier(1)
                    .nIn(channels).nOut(channels).hasBias(false).dataFormat(format).activation(Activation.IDENTITY).build(), last);
            last = normAndRelu(graph, dw, channels, format);
            String pw = "pw" + (i + 1);
            graph.addLayer(pw, new ConvolutionLayer.Builder(1, 1).nIn(channels).nOut(out).hasBias(false)
                    .dataFormat(format).activation(Activation.IDENTITY).build(), last);
            last = normAndRelu(graph, pw, out, format);
            channels = out;
        }
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
        return "pool";
    }

    private static String normAndRelu(GraphBuilder graph, String from, int channels, CNN2DFormat format) {
        graph.addLayer(from + "_bn", new BatchNormActivation(channels, new ActivationReLU(), format), from);
        return from + "_bn";
    }
}
