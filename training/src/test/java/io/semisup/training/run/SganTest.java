package io.semisup.training.run;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.semisup.contracts.job.Method;
import io.semisup.training.GeneratedImages;
import io.semisup.training.Trainer;
import io.semisup.training.data.Augmenter;
import io.semisup.training.data.Batches;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.method.MethodContext;
import io.semisup.training.method.Methods;
import io.semisup.training.method.Phase;
import io.semisup.training.model.Networks;
import io.semisup.training.export.ModelCard;
import io.semisup.training.report.ReportWriter;
import io.semisup.training.report.RunReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The semi-supervised GAN end to end on the generated dataset: its discriminator classifies well above chance, the
 * exported classifier has the K classes (no "fake") and ONNX Runtime agrees with it, it draws its sample grids and
 * loss curves, resumes exactly after an interruption, and stops with a reason when it diverges; with pretraining, its
 * encoder starts from the contrastive one.
 */
class SganTest {

    /**
     * An epoch is 1,024 labelled rows: 16 per step (batch 32, half labelled by default for the GAN) make it 64 steps,
     * at much the same cost per step as fewer rows at this size.
     */
    private static TrainingConfig tiny(int epochs) {
        return MethodsTest.tiny(Method.SGAN, epochs).toBuilder().batchSize(32).noiseSize(16).sampleEpochs(List.of(1))
                .build();
    }

    @Test
    void discriminatorLearnsTheGeneratedDatasetAndExportsKClasses(@TempDir Path parent) throws Exception {
        Path runDir = parent.resolve("fresh"); // a folder that does not exist yet, as the CLI and service pass
        ImageDataset data = GeneratedImages.dataset(20, 6, 48, 10, 1);
        RunReport report = Trainer.train(tiny(2), data, runDir, ModelCard.Origin.local("m"), ProgressListener.NONE);

        EpochRecord last = report.epochs().get(report.epochs().size() - 1);
        assertTrue(last.losses().keySet().containsAll(List.of("discriminator", "classes", "generator")), last.losses().toString());
        assertTrue(report.evaluation().accuracy() > 0.6,
                "sgan validation accuracy " + report.evaluation().accuracy() + " is too close to chance (0.33)");

        for (String grid : List.of("samples-epoch-001.png", "samples-final.png")) {
            BufferedImage image = ImageIO.read(runDir.resolve(grid).toFile());
            // 64 samples in 8 columns, each 16 pixels scaled 4x, 2-pixel gaps.
            assertEquals(8 * (64 + 2) + 2, image.getWidth(), grid);
        }
        for (String chart : ReportWriter.RUN_CHARTS) {
            assertTrue(runDir.resolve(chart).toFile().length() > 1000, chart + " was not drawn");
        }

        ComputationGraph classifier = ModelSerializer.restoreComputationGraph(runDir.resolve(Trainer.CLASSIFIER_FILE).toFile());
        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.rand(DataType.FLOAT, 5, 3, 16, 16).muli(2).subi(1);
        INDArray expected = classifier.outputSingle(false, images);
        assertEquals(3, expected.size(1), "the exported classifier has the K classes only");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(runDir.resolve(Trainer.ONNX_FILE).toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(images.data().asFloat()), new long[]{5, 3, 16, 16});
             OrtSession.Result result = session.run(Map.of(ModelCard.INPUT, input))) {
            float[][] actual = (float[][]) result.get(ModelCard.OUTPUT).orElseThrow().getValue();
            for (int i = 0; i < 5; i++) {
                assertEquals(3, actual[i].length);
                for (int k = 0; k < 3; k++) {
                    assertEquals(expected.getDouble(i, k), actual[i][k], 1e-4, "image " + i + ", class " + k);
                }
            }
        }
    }

    @Test
    void pretrainedDiscriminatorStartsFromTheContrastiveEncoder() {
        TrainingConfig config = MethodsTest.tiny(Method.SGAN_PRETRAINED, 1);
        ImageDataset data = GeneratedImages.dataset(20, 6, 48, 10, 5);
        List<Phase> phases = Methods.phases(new MethodContext(config, data, new Batches(new Augmenter(16), 7)));
        assertEquals(List.of("contrastive", "sgan"), phases.stream().map(Phase::name).toList());

        ComputationGraph contrastive = phases.get(0).createGraph(null);
        Nd4j.getRandom().setSeed(9);
        contrastive.setParams(Nd4j.rand(DataType.FLOAT, contrastive.params().shape())); // as if trained
        ComputationGraph discriminator = phases.get(1).createGraph(contrastive);
        for (String layer : List.of("conv0", "pw13_bn", Networks.REPRESENTATION)) {
            assertEquals(contrastive.getLayer(layer).params(), discriminator.getLayer(layer).params(), layer);
        }
    }

    @Test
    void interruptedRunResumesExactly(@TempDir Path straight, @TempDir Path interrupted) {
        ImageDataset data = GeneratedImages.dataset(20, 6, 48, 10, 3);
        TrainingConfig config = tiny(2);
        RunResult reference = new TrainingRun(config, data, straight, ProgressListener.NONE).run();

        ProgressListener interruptInSecondEpoch = new ProgressListener() {
            @Override
            public void stepDone(String phase, int epoch, int step, int steps, double loss, double imagesPerSecond) {
                if (epoch == 2 && step == 5) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        assertThrows(CancellationException.class, () -> new TrainingRun(config, data, interrupted, interruptInSecondEpoch).run());
        assertTrue(Thread.interrupted(), "the run must leave the interrupt flag set");
        assertEquals(1, Checkpoint.load(interrupted).orElseThrow().state().history().size());

        RunResult resumed = new TrainingRun(config, data, interrupted, ProgressListener.NONE).run();

        assertEquals(reference.history().size(), resumed.history().size());
        for (int i = 0; i < reference.history().size(); i++) {
            assertEquals(reference.history().get(i).losses(), resumed.history().get(i).losses(), "epoch " + (i + 1));
        }
        assertArrayEquals(reference.classifier().params().toFloatVector(), resumed.classifier().params().toFloatVector(),
                1e-6f);
        assertTrue(interrupted.resolve("samples-final.png").toFile().length() > 0);
    }

    @Test
    void divergenceStopsTheRunWithAReason(@TempDir Path runDir) {
        ImageDataset data = GeneratedImages.dataset(20, 6, 48, 10, 4);
        // Steps as large as the weights' float range: the logits overflow within a few steps.
        TrainingConfig config = tiny(1).toBuilder().learningRate(1e30).warmupEpochs(0).build();
        TrainingFailedException failed = assertThrows(TrainingFailedException.class,
                () -> new TrainingRun(config, data, runDir, ProgressListener.NONE).run());
        assertTrue(failed.getMessage().startsWith("sgan"), failed.getMessage());
        assertTrue(failed.getMessage().contains("diverged") || failed.getMessage().contains("collapse"), failed.getMessage());
    }
}
