package io.semisup.inference.serving;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The preprocessing contract and identity a model carries in its ONNX metadata (written by the trainer's exporter):
 * everything the server needs to serve it.
 */
public record ModelMetadata(String modelId, String method, String datasetId, String datasetVersion, String jobId,
                            List<String> classes, String input, String output, int inputSize, float[] mean,
                            float[] std) {

    public static ModelMetadata parse(Map<String, String> m) {
        String classes = require(m, "semisup.classes");
        String layout = require(m, "semisup.input_layout");
        if (!layout.equals("NCHW") || !"RGB".equals(m.get("semisup.channel_order"))) {
            throw new InvalidModelException("unsupported input: layout " + layout + ", channels " + m.get("semisup.channel_order"));
        }
        int size;
        try {
            size = Integer.parseInt(require(m, "semisup.input_size"));
        } catch (NumberFormatException e) {
            throw new InvalidModelException("semisup.input_size is not a number");
        }
        List<String> names = Arrays.asList(classes.split("\n"));
        if (names.size() < 2) {
            throw new InvalidModelException("a classifier needs at least two classes, metadata lists " + names);
        }
        return new ModelMetadata(require(m, "semisup.model_id"), m.get("semisup.method"), m.get("semisup.dataset_id"),
                m.get("semisup.dataset_version"), m.get("semisup.job_id"), List.copyOf(names),
                require(m, "semisup.input"), require(m, "semisup.output"), size,
                floats(require(m, "semisup.normalize_mean")), floats(require(m, "semisup.normalize_std")));
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null || v.isBlank()) {
            throw new InvalidModelException("model metadata lacks " + key);
        }
        return v;
    }

    private static float[] floats(String csv) {
        String[] parts = csv.split(",");
        if (parts.length != 3) {
            throw new InvalidModelException("expected three channel values, got '" + csv + "'");
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            out[i] = Float.parseFloat(parts[i].trim());
        }
        return out;
    }
}
