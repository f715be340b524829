package io.semisup.training.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.semisup.contracts.job.Method;
import io.semisup.training.backend.Backend;
import io.semisup.training.model.Heads;
import io.semisup.training.model.Encoder;
import io.semisup.training.model.Networks;
import io.semisup.training.model.Stem;
import io.semisup.training.run.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * In-process ONNX Runtime throughput of exported MobileNetV1 classifiers at batch 1 and 32 (CPU provider), with one
 * intra-op thread and with ONNX Runtime's choice (one per core): the two settings the inference-service picks between
 * by a model's cost. Each row runs for {@value #SECONDS} seconds after a second of warm-up (a few runs said little).
 * Run: {@code ./mvnw -pl training test -Dtest=OnnxRuntimeBenchmark -Dsemisup.benchmark=true}
 */
@EnabledIfSystemProperty(named = "semisup.benchmark", matches = "true")
class OnnxRuntimeBenchmark {

    private static final double SECONDS = 3;

    @Test
    void measure() throws Exception {
        Backend.init();
        double ceiling = Backend.matmulGflops(2048, 5);
        System.out.printf("matmul ceiling %.1f GFLOP/s%n", ceiling);
        System.out.println("| α | size | GFLOP/image | intra-op threads | batch | images/s | GFLOP/s | share of ceiling |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (double[] c : new double[][]{{1.0, 128}, {0.5, 32}}) {
            double alpha = c[0];
            int size = (int) c[1];
            TrainingConfig config = TrainingConfig.builder(Method.SUPERVISED).imageSize(size).widthMultiplier(alpha)
                    .encoder(Encoder.MOBILENET_V1).stem(Stem.STANDARD).build();
            byte[] model = OnnxExporter.export(Networks.build(config, 10, Heads.CLASSIFIER),
                    new ModelCard("bench", null, null, null, "supervised", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), size,
                            ModelCard.architecture(config)));
            double flops = config.encoder().forwardFlops(config);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            for (int threads : new int[]{1, 0}) {
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                if (threads > 0) {
                    options.setIntraOpNumThreads(threads);
                }
                try (OrtSession session = env.createSession(model, options)) {
                    for (int batch : new int[]{1, 32}) {
                        float[] data = new float[batch * 3 * size * size];
                        Random random = new Random(1);
                        for (int i = 0; i < data.length; i++) {
                            data[i] = random.nextFloat() * 2 - 1;
                        }
                        long[] shape = {batch, 3, size, size};
                        runFor(env, session, data, shape, 1);
                        double rate = runFor(env, session, data, shape, SECONDS) * batch;
                        System.out.printf("| %.2f | %d | %.3f | %s | %d | %.0f | %.1f | %.0f%% |%n", alpha, size,
                                flops / 1e9, threads == 0 ? "one per core" : threads, batch, rate, rate * flops / 1e9,
                                100 * rate * flops / 1e9 / ceiling);
                    }
                }
            }
        }
    }

    /** Runs the batch for at least {@code seconds}; the runs per second. */
    private static double runFor(OrtEnvironment env, OrtSession session, float[] data, long[] shape, double seconds)
            throws Exception {
        long start = System.nanoTime();
        long runs = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            run(env, session, data, shape, 1);
            runs++;
        }
        return runs / ((System.nanoTime() - start) / 1e9);
    }

    private static void run(OrtEnvironment env, OrtSession session, float[] data, long[] shape, int rounds) throws Exception {
        for (int r = 0; r < rounds; r++) {
            try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
                 OrtSession.Result ignored = session.run(Map.of(ModelCard.INPUT, input))) {
                // result closed: native memory returned
            }
        }
    }
}
