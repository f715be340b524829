package io.semisup.dataset.suggestion;

import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.model.ModelEvent;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.contracts.suggestion.Suggestions;
import io.semisup.dataset.DatasetChanges;
import io.semisup.dataset.DatasetState;
import io.semisup.dataset.DatasetStore;
import io.semisup.storage.ObjectStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Listens to {@code model-events}: a model trained on a dataset with unlabelled images brings suggestions of what to
 * label next. They are copied to the dataset (the newest model's win) and announced on {@code dataset-events} as
 * {@link DatasetEventType#SUGGESTIONS_READY}. An announcement whose suggestions cannot be read goes to the
 * dead-letter topic with the reason.
 */
@ApplicationScoped
public class ModelSuggestions {

    private static final Logger LOG = Logger.getLogger(ModelSuggestions.class);

    private final DatasetStore datasets;
    private final SuggestionStore suggestions;
    private final ObjectStore store;
    private final DatasetChanges changes;

    public ModelSuggestions(DatasetStore datasets, SuggestionStore suggestions, ObjectStore store,
                            DatasetChanges changes) {
        this.datasets = datasets;
        this.suggestions = suggestions;
        this.store = store;
        this.changes = changes;
    }

    @Incoming("model-events")
    @Blocking
    public void accept(String payload) {
        ModelEvent event = MessageCodec.decode(payload, ModelEvent.class);
        if (event.suggestionsKey() == null) {
            return;
        }
        Optional<DatasetState> dataset = datasets.find(event.datasetId());
        if (dataset.isEmpty()) {
            LOG.infof("model %s: dataset %s no longer exists, its suggestions are dropped", event.modelId(),
                    event.datasetId());
            return;
        }
        byte[] json = store.get(StorageLayout.JOBS_BUCKET, event.suggestionsKey())
                .orElseThrow(() -> new InvalidMessageException("model " + event.modelId() + ": suggestions "
                        + StorageLayout.JOBS_BUCKET + "/" + event.suggestionsKey() + " do not exist"));
        Suggestions read = MessageCodec.decode(new String(json, StandardCharsets.UTF_8), Suggestions.class);
        StoredSuggestions stored = new StoredSuggestions(event.modelId(), event.datasetVersion(), event.createdAt(),
                read);
        if (suggestions.offer(event.datasetId(), stored)) {
            LOG.infof("dataset %s: suggestions of model %s (%s) ready, %d images ranked", event.datasetId(),
                    event.modelId(), event.datasetVersion(), read.images().size());
            changes.announce(dataset.get(), DatasetEventType.SUGGESTIONS_READY, event.datasetVersion(),
                    dataset.get().newLabels());
        }
    }
}
