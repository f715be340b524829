package io.semisup.training.export;

import java.util.LinkedHashMap;
import io.semisup.training.run.TrainingConfig;

import java.util.List;
import java.util.Map;

/**
 * What a served model must say about itself, stored in the ONNX model's metadata so the inference-service needs
 * nothing else: where it came from, its classes in output order, and the preprocessing its input expects.
 */
public record ModelCard(String modelId, String jobId, String datasetId, String datasetVersion, String method,
                        List<String> classes, int imageSize, String architecture) {

    /** Where a model comes from: the trainer-service knows all of it, a command-line run only its folder name. */
    public record Origin(String modelId, String jobId, String datasetId, String datasetVersion) {
        public static Origin local(String modelId) {
            return new Origin(modelId, null, null, null);
        }
    }

    public static ModelCard of(Origin origin, TrainingConfig config, List<String> classes) {
        return new ModelCard(origin.modelId(), origin.jobId(), origin.datasetId(), origin.datasetVersion(),
                config.method().id(), classes, config.imageSize(), architecture(config));
    }

    /** The encoder as a reader of the card needs it to compare models: "convnet alpha=1.0". */
    public static String architecture(TrainingConfig config) {
        return config.encoder().describe(config);
    }

    public static final String INPUT = "image";
    public static final String OUTPUT = "probabilities";

    /** The preprocessing contract: RGB, shorter side resized to the input size, centre crop, (x/255 - 0.5) / 0.5. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("semisup.model_id", modelId);
        m.put("semisup.job_id", jobId);
        m.put("semisup.dataset_id", datasetId);
        m.put("semisup.dataset_version", datasetVersion);
        m.put("semisup.method", method);
        m.put("semisup.classes", String.join("\n", classes));
        m.put("semisup.architecture", architecture);
        m.put("semisup.input", INPUT);
        m.put("semisup.output", OUTPUT);
        m.put("semisup.input_layout", "NCHW");
        m.put("semisup.input_size", Integer.toString(imageSize));
        m.put("semisup.channel_order", "RGB");
        m.put("semisup.resize", "shorter-side-then-center-crop");
        m.put("semisup.normalize_mean", "0.5,0.5,0.5");
        m.put("semisup.normalize_std", "0.5,0.5,0.5");
        m.values().removeIf(v -> v == null);
        return m;
    }
}
