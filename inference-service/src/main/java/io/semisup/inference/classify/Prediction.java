package io.semisup.inference.classify;

import java.util.List;

/**
 * The answer for one image.
 *
 * @param modelId the model that classified it
 * @param labels  the top k classes, most probable first
 */
public record Prediction(String modelId, List<Label> labels) {

    public record Label(String label, double probability) {
    }
}
