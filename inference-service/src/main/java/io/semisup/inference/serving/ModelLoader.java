package io.semisup.inference.serving;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Turns model bytes into a served {@link OnnxModel}: on the CUDA execution provider when the GPU build of ONNX
 * Runtime runs on a machine with a GPU (and {@code semisup.inference.provider} allows it), else on the CPU. A model
 * is only accepted after its metadata parses and a warm-up run returns one probability per class. On the CPU, how
 * many calls may run at once follows the model's measured cost ({@code semisup.inference.parallel-calls=0}): one for a
 * cheap model, whose requests need the other cores for decoding and HTTP, one per core for a costly one. Each call is
 * single-threaded by default: measured on 2 cores at concurrency 32 (README, Serving), MobileNetV1 α 0.5 at 32x32
 * served about 10,000 requests/s with one single-threaded call at a time where one call on two threads served
 * 6,000–6,500, and α 1.0 at 128x128 about 560 with two single-threaded calls where one call on two threads served
 * 440–480.
 */
@ApplicationScoped
public class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private final InferenceConfig config;

    public ModelLoader(InferenceConfig config) {
        this.config = config;
    }

    public OnnxModel load(String expectedModelId, byte[] bytes) {
        OnnxModel model = open(expectedModelId, bytes, config.threads());
        String cost = "";
        if ("CPU".equals(model.provider())) {
            int calls = config.parallelCalls();
            if (calls == 0) {
                double micros = microsPerImage(model);
                calls = micros > config.singleCallMaxMicros() ? Runtime.getRuntime().availableProcessors() : 1;
                cost = String.format(" (%.0f µs per image)", micros);
            }
            model.parallelCalls(calls);
        }
        ModelMetadata metadata = model.metadata();
        LOG.infof("model %s loaded on %s (%d classes, %dx%d input): %d call(s) at once, intra-op threads %s%s",
                metadata.modelId(), model.provider(), metadata.classes().size(), metadata.inputSize(),
                metadata.inputSize(), model.parallelCalls(), model.threads() == 0 ? "one per core" : model.threads(),
                cost);
        return model;
    }

    /** A session with {@code threads} intra-op threads (0: ONNX Runtime's choice, one per core), checked and warm. */
    private OnnxModel open(String expectedModelId, byte[] bytes, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try {
            String provider = "CPU";
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            if (!"cpu".equalsIgnoreCase(config.provider()) && OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                try {
                    options.addCUDA(0);
                    provider = "CUDA";
                } catch (OrtException e) {
                    LOG.warnf("CUDA execution provider unavailable (%s); serving on the CPU", e.getMessage());
                }
            }
            session = env.createSession(bytes, options);
            ModelMetadata metadata = ModelMetadata.parse(session.getMetadata().getCustomMetadata());
            if (expectedModelId != null && !expectedModelId.equals(metadata.modelId())) {
                throw new InvalidModelException("artifact says it is model " + metadata.modelId() + ", not " + expectedModelId);
            }
            OnnxModel model = new OnnxModel(session, metadata, provider, threads);
            warmUp(model);
            return model;
        } catch (OrtException e) {
            close(session);
            throw new InvalidModelException("not a loadable ONNX model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(session);
            throw e instanceof InvalidModelException ? e : new InvalidModelException(e.getMessage(), e);
        }
    }

    /** The fastest of a few single-image runs of the warm session, in microseconds. */
    private static double microsPerImage(OnnxModel model) {
        int side = model.metadata().inputSize();
        float[] image = new float[3 * side * side];
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            model.run(image, 1);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e3;
    }

    private static void warmUp(OnnxModel model) {
        int side = model.metadata().inputSize();
        float[][] out = model.run(new float[3 * side * side], 1);
        int classes = model.metadata().classes().size();
        if (out.length != 1 || out[0].length != classes) {
            throw new InvalidModelException("model gives " + (out.length == 0 ? 0 : out[0].length)
                    + " outputs but its metadata lists " + classes + " classes");
        }
        double sum = 0;
        for (float p : out[0]) {
            sum += p;
        }
        if (Math.abs(sum - 1) > 1e-3) {
            throw new InvalidModelException("model output is not a probability distribution (sums to " + sum + ")");
        }
    }

    private static void close(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // already failing; the original error is what matters
            }
        }
    }
}
