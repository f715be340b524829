package io.semisup.dataset.suggestion;

import io.semisup.contracts.suggestion.Suggestions;

import java.time.Instant;

/** A model's suggestions as the dataset-service keeps them: which model made them, on which version, and when. */
public record StoredSuggestions(String modelId, String datasetVersion, Instant createdAt, Suggestions suggestions) {
}
