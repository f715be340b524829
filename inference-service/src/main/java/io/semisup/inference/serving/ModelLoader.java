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
 * is only accepted after its metadata parses and a warm-up run returns one probability per class.
 */
@ApplicationScoped
public class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private final InferenceConfig config;

    public ModelLoader(InferenceConfig config) {
        this.config = config;
    }

    public OnnxModel load(String expectedModelId, byte[] bytes) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try {
            String provider = "CPU";
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (config.threads() > 0) {
                options.setIntraOpNumThreads(config.threads());
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
            OnnxModel model = new OnnxModel(session, metadata, provider);
            warmUp(model);
            LOG.infof("model %s loaded on %s (%d classes, %dx%d input)", metadata.modelId(), provider,
                    metadata.classes().size(), metadata.inputSize(), metadata.inputSize());
            return model;
        } catch (OrtException e) {
            close(session);
            throw new InvalidModelException("not a loadable ONNX model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(session);
            throw e instanceof InvalidModelException ? e : new InvalidModelException(e.getMessage(), e);
        }
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
