package io.semisup.training.run;

import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.job.Method;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.suggestion.Strategy;
import io.semisup.contracts.suggestion.Suggestions;
import io.semisup.training.GeneratedImages;
import io.semisup.training.Trainer;
import io.semisup.training.data.ImageDataset;
import io.semisup.training.data.LabeledView;
import io.semisup.training.export.ModelCard;
import io.semisup.training.model.Encoder;
import io.semisup.training.model.Stem;
import io.semisup.training.report.ReportWriter;
import io.semisup.training.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every method learns the generated separable dataset: its loss goes down and it beats chance (1/3) by far. The
 * engine is deterministic on one machine, not across CPUs (oneDNN picks kernels per instruction set), so assertions
 * are on margins a working method clears by far, never on what one machine's rounding happens to give.
 */
class MethodsTest {

    /**
     * A tiny MobileNetV1 (ImageNet's stem: the small one costs 16 times the arithmetic) with Adam, for every method;
     * {@link #theConvNetEncoderLearnsTheShapes} covers the other encoder. Weak views of the labelled images: the strong
     * ones pay off over minutes of training, not over the three epochs a unit test affords (AugmenterTest covers them).
     */
    static TrainingConfig tiny(Method method, int epochs) {
        TrainingConfig.Builder b = TrainingConfig.builder(method).epochs(epochs).pretrainEpochs(2).batchSize(16)
                .imageSize(16).encoder(Encoder.MOBILENET_V1).stem(Stem.STANDARD).widthMultiplier(0.25).representation(32).projection(16)
                .optimizer(TrainingConfig.Optimizer.ADAM).learningRate(3e-3).warmupEpochs(0.5).weightDecay(1e-5)
                .patience(0).workers(2).seed(7).labeledView(LabeledView.WEAK);
        if (method == Method.FIXMATCH) {
            // 16 labelled + 16 unlabelled images a step: an epoch of 1,024 labelled images is 64 steps, as supervised.
            // Its default 2 contrastive epochs come first.
            b.batchSize(32).labeledFraction(0.5);
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"SUPERVISED", "SIMCLR", "SIMCLR_FINETUNE", "FIXMATCH"})
    void learnsTheGeneratedDataset(Method method, @TempDir Path runDir) throws Exception {
        assertLearns(tiny(method, 3), runDir);
    }

    /** The product's default at small sizes: FixMatch on the compact CNN. */
    @Test
    void theConvNetEncoderLearnsTheShapes(@TempDir Path runDir) throws Exception {
        assertLearns(tiny(Method.FIXMATCH, 3).toBuilder().encoder(Encoder.CONVNET).build(), runDir);
    }

    private static void assertLearns(TrainingConfig config, Path runDir) throws Exception {
        Method method = config.method();
        ImageDataset data = GeneratedImages.dataset(20, 6, 48, 10, 1);
        RunReport report = Trainer.train(config, data, runDir, ModelCard.Origin.local("m"), ProgressListener.NONE);
        System.out.printf("%s, %s: validation accuracy %.3f%n", method, ModelCard.architecture(config),
                report.evaluation().accuracy());

        for (String phase : report.epochs().stream().map(EpochRecord::phase).distinct().toList()) {
            List<EpochRecord> epochs = report.epochs().stream().filter(e -> e.phase().equals(phase)).toList();
            // FixMatch's total rises as more pseudo-labels count; its labelled loss is the one to fall.
            String loss = phase.equals("fixmatch") ? "labelled" : "total";
            double first = epochs.get(0).losses().get(loss);
            double last = epochs.get(epochs.size() - 1).losses().get(loss);
            assertTrue(last < first, method + " " + phase + ": loss went from " + first + " to " + last);
        }
        // GFLOP/s count a trained row as three forward passes of the encoder, a row FixMatch only predicts as one
        // (FixMatch's rows: 16 labelled and 16 strong views trained, 16 weak views predicted), epoch by epoch.
        RunReport.Throughput throughput = report.throughput();
        double passesPerSecond = report.epochs().stream()
                .mapToDouble(e -> e.imagesPerSecond() * (e.phase().equals("fixmatch") ? (3.0 * 32 + 16) / 48 : 3))
                .average().orElseThrow();
        assertEquals(passesPerSecond * config.encoder().forwardFlops(config) / 1e9,
                throughput.trainGflopsPerSecond(), 1e-9 * throughput.trainGflopsPerSecond());
        assertEquals("validation", report.evaluation().split());
        assertTrue(report.evaluation().accuracy() > 0.6,
                method + " validation accuracy " + report.evaluation().accuracy() + " is too close to chance (0.33)");

        assertTrue(Files.size(runDir.resolve(Trainer.CLASSIFIER_FILE)) > 0);
        assertTrue(Files.size(runDir.resolve(Trainer.ONNX_FILE)) > 0);
        assertTrue(Files.size(runDir.resolve(ReportWriter.REPORT_JSON)) > 0);
        for (String chart : ReportWriter.RUN_CHARTS) {
            assertTrue(Files.size(runDir.resolve(chart)) > 1000, chart + " was not drawn");
        }
        assertEquals(report.evaluation().accuracy(), ReportWriter.read(runDir).evaluation().accuracy());
        assertRanksEveryUnlabelledImage(data, runDir);
    }

    /** The run ranks the 48 unlabelled images for labelling by every strategy, each image once. */
    private static void assertRanksEveryUnlabelledImage(ImageDataset data, Path runDir) throws Exception {
        Suggestions suggestions = MessageCodec.decode(Files.readString(runDir.resolve(Suggestions.FILE)),
                Suggestions.class);
        Set<String> unlabeled = Set.copyOf(data.names(Split.UNLABELED));
        assertEquals(Set.of(Strategy.values()), suggestions.rankings().keySet());
        for (Map.Entry<Strategy, List<Integer>> ranking : suggestions.rankings().entrySet()) {
            Set<String> ranked = ranking.getValue().stream().map(i -> suggestions.images().get(i).imageId())
                    .collect(Collectors.toSet());
            assertEquals(unlabeled, ranked, ranking.getKey() + " does not rank every unlabelled image once");
            assertEquals(unlabeled.size(), ranking.getValue().size(), ranking.getKey().toString());
        }
    }

    @Test
    void linearProbeLeavesTheEncoderAsContrastiveLearningLeftIt(@TempDir Path runDir) {
        ImageDataset data = GeneratedImages.dataset(20, 6, 48, 10, 2);
        TrainingConfig config = tiny(Method.SIMCLR, 2).toBuilder().linearProbe(true).build();
        List<EpochRecord> seen = new ArrayList<>();
        INDArray[] encoderAfterContrastive = new INDArray[1];
        RunResult result = new TrainingRun(config, data, runDir, new ProgressListener() {
            @Override
            public void phaseStarted(String phase, int index, int phases, int epochs, int stepsPerEpoch,
                                     Duration timeLeft) {
                if (phase.equals("probe")) {
                    encoderAfterContrastive[0] = Checkpoint.load(runDir).orElseThrow().params();
                }
            }

            @Override
            public void epochDone(EpochRecord record) {
                seen.add(record);
            }
        }).run();

        assertEquals(List.of("contrastive", "probe"), seen.stream().map(EpochRecord::phase).distinct().toList());
        // Both graphs' flat parameters start with the encoder's first layers, in the same order.
        INDArray before = encoderAfterContrastive[0];
        INDArray after = result.classifier().params();
        assertEquals(before.get(NDArrayIndex.interval(0, 1000)), after.get(NDArrayIndex.interval(0, 1000)),
                "the probe moved the encoder");
        // What a head on features from two tiny epochs reaches depends on the machine's rounding; that it learns does
        // not: softmax regression on fixed features is convex, its loss falls.
        List<EpochRecord> probe = seen.stream().filter(e -> e.phase().equals("probe")).toList();
        double first = probe.get(0).losses().get("total");
        double last = probe.get(probe.size() - 1).losses().get("total");
        assertTrue(last < first, "probe loss went from " + first + " to " + last);
    }
}
