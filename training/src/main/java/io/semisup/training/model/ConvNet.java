package io.semisup.training.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

/**
 * The compact CNN of semi-supervised CIFAR work (the "ConvNet" family of Mean Teacher and FixMatch's CPU-sized
 * peers): four blocks of two 3x3 convolutions, each with batch norm and leaky ReLU (slope 0.1, one
 * {@link BatchNormActivation} layer), 2x2 max pooling between blocks, global average pooling. At α = 1 the blocks are
 * 32, 64, 128 and 256 channels wide (1.2 M weights) and a 32x32 input ends at 4x4. Plain 3x3 convolutions run
 * through oneDNN's direct kernels: several times as fast per image as MobileNetV1 with the small stem here, and it
 * learns far more from 20 labels per class.
 */
public final class ConvNet {

    /** Channels of the four blocks at α = 1. */
    private static final int[] WIDTHS = {32, 64, 128, 256};
    private static final double LEAKY_SLOPE = 0.1;

    private ConvNet() {
    }

    /** Multiply-adds x 2 of one image's forward pass (convolutions only). */
    public static double forwardFlops(double alpha, int size) {
        double flops = 0;
        int side = size;
        int channels = 3;
        for (int b = 0; b < WIDTHS.length; b++) {
            int out = Encoder.scaled(WIDTHS[b], alpha);
            flops += 2.0 * side * side * 9 * (channels * out + out * out);
            channels = out;
            side = b < WIDTHS.length - 1 ? side / 2 : side;
        }
        return flops;
    }

    /** Adds the encoder reading from {@code input}; returns the name of the pooled feature vector. */
    public static String addEncoder(GraphBuilder graph, String input, double alpha, CNN2DFormat format) {
        String last = input;
        int channels = 3;
        for (int b = 0; b < WIDTHS.length; b++) {
            int out = Encoder.scaled(WIDTHS[b], alpha);
            for (int c = 1; c <= 2; c++) {
                String conv = "block" + (b + 1) + "_conv" + c;
                graph.addLayer(conv, new ConvolutionLayer.Builder(3, 3).nIn(channels).nOut(out).hasBias(false)
                        .dataFormat(format).activation(Activation.IDENTITY).build(), last);
                graph.addLayer(conv + "_bn", new BatchNormActivation(out, new ActivationLReLU(LEAKY_SLOPE), format), conv);
                last = conv + "_bn";
                channels = out;
            }
            if (b < WIDTHS.length - 1) {
                String pool = "block" + (b + 1) + "_pool";
                graph.addLayer(pool, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(format).build(), last);
                last = pool;
            }
        }
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
        return "pool";
    }

}
