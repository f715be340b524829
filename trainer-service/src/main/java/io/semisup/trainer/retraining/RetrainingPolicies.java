package io.semisup.trainer.retraining;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Retraining policies in the {@code jobs} bucket, one per dataset. */
@ApplicationScoped
public class RetrainingPolicies {

    private final ObjectStore store;

    public RetrainingPolicies(ObjectStore store) {
        this.store = store;
    }

    public Optional<RetrainingPolicy> find(String datasetId) {
        return store.get(StorageLayout.JOBS_BUCKET, StorageLayout.retrainingPolicy(datasetId)).map(json -> {
            try {
                return MessageCodec.mapper().readValue(json, RetrainingPolicy.class);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable retraining policy of " + datasetId, e);
            }
        });
    }

    public RetrainingPolicy save(RetrainingPolicy policy) {
        try {
            store.put(StorageLayout.JOBS_BUCKET, StorageLayout.retrainingPolicy(policy.datasetId()),
                    MessageCodec.mapper().writeValueAsBytes(policy), "application/json");
            return policy;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
