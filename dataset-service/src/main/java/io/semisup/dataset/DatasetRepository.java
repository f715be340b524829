package io.semisup.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Dataset records in the {@code datasets} bucket. */
@ApplicationScoped
public class DatasetRepository {

    private final ObjectStore store;

    public DatasetRepository(ObjectStore store) {
        this.store = store;
    }

    public void save(Dataset dataset) {
        try {
            store.put(StorageLayout.DATASETS_BUCKET, StorageLayout.datasetRecord(dataset.id()),
                    MessageCodec.mapper().writeValueAsBytes(dataset), "application/json");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Dataset> find(String id) {
        return store.get(StorageLayout.DATASETS_BUCKET, StorageLayout.datasetRecord(id)).map(json -> {
            try {
                return MessageCodec.mapper().readValue(json, Dataset.class);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable dataset record " + id, e);
            }
        });
    }
}
