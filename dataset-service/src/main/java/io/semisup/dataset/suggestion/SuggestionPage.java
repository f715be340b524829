package io.semisup.dataset.suggestion;

import io.semisup.contracts.suggestion.Strategy;
import io.semisup.contracts.suggestion.Suggestions;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /datasets/{datasetId}/suggestions}: the next images to label by one strategy.
 *
 * @param modelId        the model whose predictions and representations ranked them
 * @param datasetVersion the version that model was trained on
 * @param labeledSince   images of this ranking labelled or removed since the model was trained (left out)
 * @param remaining      images of this ranking still to label after this page
 */
public record SuggestionPage(String datasetId, String modelId, String datasetVersion, Instant createdAt,
                             Strategy strategy, List<Strategy> strategies, int labeledSince, int remaining,
                             List<Suggestion> images) {

    /**
     * @param rank     1 for the image to label first, counting only images still unlabelled
     * @param score    the strategy's score (higher = label sooner); none for random
     * @param guesses  the model's most probable classes
     * @param cluster  the image's cluster among the model's representations
     */
    public record Suggestion(int rank, String imageId, String fileName, Double score, List<Suggestions.Guess> guesses,
                             int cluster) {
    }
}
