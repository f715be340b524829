package io.semisup.training.model;

import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;

import java.util.Locale;

/**
 * The network under the heads. MobileNetV1 is the study's encoder and the default for images larger than
 * {@link #CONVNET_UP_TO} pixels; at CIFAR sizes a compact plain CNN learns much more from few labels per second of
 * CPU (measured on cifar10-ssl, see the README's quality section), so it is the default there.
 */
public enum Encoder {
    MOBILENET_V1("mobilenet-v1"),
    CONVNET("convnet");

    /** Inputs up to this side get the {@link #CONVNET} unless a run asks otherwise. */
    public static final int CONVNET_UP_TO = 32;

    private final String id;

    Encoder(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Encoder forSize(int imageSize) {
        return imageSize <= CONVNET_UP_TO ? CONVNET : MOBILENET_V1;
    }

    public static Encoder of(String id) {
        for (Encoder encoder : values()) {
            if (encoder.id.equals(id)) {
                return encoder;
            }
        }
        throw new IllegalArgumentException("unknown encoder '" + id + "', expected mobilenet-v1 or convnet");
    }

    /** A width at α = 1 scaled by α, never below 8 channels. */
    static int scaled(int width, double alpha) {
        return Math.max(8, (int) Math.round(width * alpha));
    }

    /** Adds the encoder to a graph; returns the name of its pooled feature vector. Layer names are stable. */
    public String add(GraphBuilder graph, String input, TrainingConfig config, CNN2DFormat format) {
        return switch (this) {
            case MOBILENET_V1 -> MobileNetV1.addEncoder(graph, input, config.widthMultiplier(), config.stem(), format);
            case CONVNET -> ConvNet.addEncoder(graph, input, config.widthMultiplier(), format);
        };
    }

    /** Multiply-adds x 2 of one image's forward pass, for throughput in GFLOP/s. */
    public double forwardFlops(TrainingConfig config) {
        return switch (this) {
            case MOBILENET_V1 -> MobileNetV1.forwardFlops(config.widthMultiplier(), config.imageSize(), config.stem());
            case CONVNET -> ConvNet.forwardFlops(config.widthMultiplier(), config.imageSize());
        };
    }

    /** The encoder as a reader of a model card needs it: "mobilenet_v1 alpha=0.5 stem=small", "convnet alpha=1.0". */
    public String describe(TrainingConfig config) {
        return switch (this) {
            case MOBILENET_V1 -> String.format(Locale.ROOT, "mobilenet_v1 alpha=%s stem=%s", config.widthMultiplier(),
                    config.stem().id());
            case CONVNET -> String.format(Locale.ROOT, "convnet alpha=%s", config.widthMultiplier());
        };
    }
}
