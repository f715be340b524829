package io.semisup.inference.model;

import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.model.ModelEvent;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.inference.serving.InvalidModelException;
import io.semisup.storage.ObjectStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Listens to {@code model-events}. An announcement is taken into the catalog only if its artifact is really in the
 * {@code models} bucket, and the newest model starts serving once it has loaded; anything else goes to the
 * dead-letter topic with the reason.
 */
@ApplicationScoped
public class ModelAnnouncements {

    private static final Logger LOG = Logger.getLogger(ModelAnnouncements.class);

    private final ModelCatalog catalog;
    private final ObjectStore store;
    private final ModelSwitcher switcher;

    public ModelAnnouncements(ModelCatalog catalog, ObjectStore store, ModelSwitcher switcher) {
        this.catalog = catalog;
        this.store = store;
        this.switcher = switcher;
    }

    @Incoming("model-events")
    @Blocking
    public void accept(String payload) {
        ModelEvent event = MessageCodec.decode(payload, ModelEvent.class);
        long bytes = store.size(StorageLayout.MODELS_BUCKET, event.modelKey())
                .orElseThrow(() -> new InvalidMessageException("model " + event.modelId() + ": artifact "
                        + StorageLayout.MODELS_BUCKET + "/" + event.modelKey() + " does not exist"));
        ModelEntry entry = new ModelEntry(event, bytes, ModelEntry.Status.AVAILABLE, null);
        catalog.add(entry);
        LOG.infof("model %s announced (%s on dataset %s, %d bytes)", event.modelId(), event.method(),
                event.datasetId(), bytes);
        try {
            switcher.announced(entry);
        } catch (InvalidModelException e) {
            // Reported in the catalog as REFUSED; the record also goes to the dead-letter topic with the reason.
            throw new InvalidMessageException("model " + event.modelId() + " refused: " + e.getMessage());
        }
    }
}
