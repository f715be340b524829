package io.semisup.inference;

import io.semisup.contracts.Topics;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.model.ModelEvent;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import io.semisup.testing.KafkaTestClient;
import io.semisup.training.export.ModelCard;
import io.semisup.training.export.OnnxExporter;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Networks;
import io.semisup.training.run.TrainingConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/** Real models for the tests: tiny MobileNetV1 classifiers exported by the trainer's own exporter. */
public final class TestModels {

    public static final List<String> CLASSES = List.of("cat", "dog", "fish");
    public static final int SIZE = 16;

    private TestModels() {
    }

    /** Exports a classifier with seeded random weights, stores it, announces it; returns the announcement. */
    public static ModelEvent publish(String modelId, Instant createdAt, ObjectStore store, KafkaTestClient kafka) {
        store.put(StorageLayout.MODELS_BUCKET, StorageLayout.model(modelId), onnx(modelId), "application/octet-stream");
        return announce(modelId, createdAt, kafka);
    }

    public static ModelEvent announce(String modelId, Instant createdAt, KafkaTestClient kafka) {
        ModelEvent event = new ModelEvent(ModelEvent.SCHEMA_VERSION, modelId, "job-" + modelId, "pets", "v1",
                Method.SUPERVISED, CLASSES, Map.of("validationAccuracy", 0.5), StorageLayout.model(modelId), null, null,
                createdAt);
        kafka.send(Topics.MODEL_EVENTS, modelId, MessageCodec.encode(event));
        return event;
    }

    public static byte[] onnx(String modelId) {
        TrainingConfig config = TrainingConfig.builder(Method.SUPERVISED).imageSize(SIZE).widthMultiplier(0.25)
                .representation(16).seed(modelId.hashCode()).build();
        ComputationGraph network = Networks.build(config, CLASSES.size(), Heads.CLASSIFIER);
        Nd4j.getRandom().setSeed(modelId.hashCode());
        network.setParams(Nd4j.rand(DataType.FLOAT, network.params().shape()).subi(0.5).muli(0.4));
        return OnnxExporter.export(network, ModelCard.of(new ModelCard.Origin(modelId, "job-" + modelId, "pets", "v1"),
                config, CLASSES));
    }

    public static byte[] png(int width, int height, int imageType) {
        BufferedImage image = new BufferedImage(width, height, imageType);
        var g = image.createGraphics();
        g.setColor(new Color(200, 40, 40, 128));
        g.fillRect(0, 0, width / 2, height);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small valid PNG whose header declares {@code width} x {@code height} pixels (as a decompression bomb would). */
    public static byte[] pngDeclaring(int width, int height) {
        byte[] png = png(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteBuffer header = ByteBuffer.wrap(png); // signature (8), IHDR length (4), "IHDR" at 12, its data at 16
        header.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 4 + 13);
        header.putInt(29, (int) crc.getValue());
        return png;
    }
}
