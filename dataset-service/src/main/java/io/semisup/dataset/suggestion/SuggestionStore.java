package io.semisup.dataset.suggestion;

import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest model's suggestions per dataset, in {@code datasets/{datasetId}/suggestions.json} (deleted with the
 * dataset) and in memory once read. An older model's suggestions, arriving late, never replace a newer one's.
 */
@ApplicationScoped
public class SuggestionStore {

    private final ObjectStore store;
    private final Map<String, StoredSuggestions> loaded = new ConcurrentHashMap<>();

    public SuggestionStore(ObjectStore store) {
        this.store = store;
    }

    public Optional<StoredSuggestions> newest(String datasetId) {
        StoredSuggestions cached = loaded.get(datasetId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return store.get(StorageLayout.DATASETS_BUCKET, StorageLayout.suggestions(datasetId))
                .map(json -> MessageCodec.decode(new String(json, StandardCharsets.UTF_8), StoredSuggestions.class))
                .map(read -> loaded.merge(datasetId, read, SuggestionStore::newer));
    }

    /** @return whether they are now the dataset's newest */
    public synchronized boolean offer(String datasetId, StoredSuggestions suggestions) {
        Optional<StoredSuggestions> current = newest(datasetId);
        if (current.isPresent() && !suggestions.createdAt().isAfter(current.get().createdAt())) {
            return false;
        }
        store.put(StorageLayout.DATASETS_BUCKET, StorageLayout.suggestions(datasetId),
                MessageCodec.encode(suggestions).getBytes(StandardCharsets.UTF_8), "application/json");
        loaded.put(datasetId, suggestions);
        return true;
    }

    private static StoredSuggestions newer(StoredSuggestions a, StoredSuggestions b) {
        return b.createdAt().isAfter(a.createdAt()) ? b : a;
    }
}
