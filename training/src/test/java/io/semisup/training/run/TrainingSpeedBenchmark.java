package io.semisup.training.run;

import io.semisup.contracts.job.Method;
import io.semisup.training.GeneratedImages;
import io.semisup.training.backend.Backend;
import io.semisup.training.data.Augmenter;
import io.semisup.training.data.Batches;
import io.semisup.training.data.HostBatch;
import io.semisup.training.data.RgbImage;
import io.semisup.training.data.Sample;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Encoder;
import io.semisup.training.model.Networks;
import io.semisup.training.model.Stem;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training and inference speed of the classifier (each encoder) and of the augmentation pipeline, on this machine.
 * Run: {@code ./mvnw -pl training test -Dtest=TrainingSpeedBenchmark -Dsemisup.benchmark=true}
 * (optionally {@code -Dsemisup.benchmark.configs=mobilenet-v1:1.0:32:standard,convnet:1.0:32} as encoder:α:size[:stem];
 * without a stem, the size's default; {@code -Dsemisup.benchmark.helpers=on} skips the runs without oneDNN helpers).
 */
@EnabledIfSystemProperty(named = "semisup.benchmark", matches = "true")
class TrainingSpeedBenchmark {

    private static final int BATCH = 64;

    @Test
    void measure() {
        Backend.init();
        double ceiling = Backend.matmulGflops(2048, 5);
        System.out.printf("%s%nmatmul ceiling: %.1f GFLOP/s (2048x2048 float)%n", Backend.describe(), ceiling);
        System.out.println("| encoder | α | size | stem | helpers | train images/s | train GFLOP/s | share of ceiling | inference images/s | augment images/s (1 thread) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        String configs = System.getProperty("semisup.benchmark.configs", "mobilenet-v1:1.0:32:standard,"
                + "mobilenet-v1:0.5:32:standard,mobilenet-v1:0.5:32:small,convnet:1.0:32,convnet:0.5:32,"
                + "mobilenet-v1:1.0:128,mobilenet-v1:0.5:128");
        for (String c : configs.split(",")) {
            String[] parts = c.split(":");
            Encoder encoder = Encoder.of(parts[0]);
            double alpha = Double.parseDouble(parts[1]);
            int size = Integer.parseInt(parts[2]);
            Stem stem = parts.length > 3 ? Stem.of(parts[3]) : Stem.forSize(size);
            for (boolean helpers : helperSettings()) {
                System.setProperty("org.eclipse.deeplearning4j.helpers.disable", String.valueOf(!helpers));
                measure(encoder, alpha, size, stem, helpers, ceiling);
            }
        }
        System.setProperty("org.eclipse.deeplearning4j.helpers.disable", "false");
    }

    /** {@code -Dsemisup.benchmark.helpers=on|off|both} (default both: DL4J's default is off). */
    private static boolean[] helperSettings() {
        return switch (System.getProperty("semisup.benchmark.helpers", "both")) {
            case "on" -> new boolean[]{true};
            case "off" -> new boolean[]{false};
            default -> new boolean[]{false, true};
        };
    }

    private void measure(Encoder encoder, double alpha, int size, Stem stem, boolean helpers, double ceiling) {
        TrainingConfig config = TrainingConfig.builder(Method.SUPERVISED).imageSize(size).widthMultiplier(alpha)
                .encoder(encoder).stem(stem).batchSize(BATCH).build();
        ComputationGraph graph = Networks.build(config, 10, Heads.CLASSIFIER);
        INDArray features = Nd4j.rand(DataType.FLOAT, BATCH, 3, size, size);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            labels.putScalar(i, i % 10, 1f);
        }
        MultiDataSet batch = new MultiDataSet(features, labels);
        int steps = Integer.getInteger("semisup.benchmark.steps", size >= 96 ? 10 : 30);
        graph.fit(batch); // warm-up
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            graph.fit(batch);
        }
        double train = steps * BATCH / ((System.nanoTime() - start) / 1e9);
        graph.output(false, features);
        start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            graph.output(false, features);
        }
        double inference = steps * BATCH / ((System.nanoTime() - start) / 1e9);
        double gflops = train * 3 * encoder.forwardFlops(config) / 1e9;
        System.out.printf("| %s | %.2f | %d | %s | %s | %.1f | %.1f | %.1f%% | %.1f | %.0f |%n", encoder.id(), alpha, size,
                encoder == Encoder.MOBILENET_V1 ? stem.id() : "-", helpers ? "on" : "off",
                train, gflops, 100 * gflops / ceiling, inference, augmentRate(size));
    }

    /** Contrastive views per second on one thread (two per image), from images the size of the cache. */
    private static double augmentRate(int size) {
        Random random = new Random(1);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            RgbImage image = GeneratedImages.image(i % 3, (int) Math.ceil(size * 1.15), random);
            samples.add(new Sample(image, Sample.UNLABELED));
        }
        Batches batches = new Batches(new Augmenter(size), 1);
        batches.pairs(samples, batches.random(0, 0, 0));
        long start = System.nanoTime();
        int rounds = 5;
        int views = 0;
        for (int r = 0; r < rounds; r++) {
            HostBatch b = batches.pairs(samples, batches.random(0, r, 0));
            views += b.rows();
        }
        return views / ((System.nanoTime() - start) / 1e9);
    }
}
