package io.semisup.inference.model;

import io.semisup.contracts.storage.StorageLayout;
import io.semisup.inference.serving.ActiveModel;
import io.semisup.inference.serving.InvalidModelException;
import io.semisup.inference.serving.ModelLoader;
import io.semisup.inference.serving.OnnxModel;
import io.semisup.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Decides which model serves: the newest announced one, unless a model is pinned. A switch downloads, loads and
 * warms the new model before it replaces the old one; a model that fails is marked REFUSED with the reason and the
 * old one keeps serving.
 */
@ApplicationScoped
public class ModelSwitcher {

    private static final Logger LOG = Logger.getLogger(ModelSwitcher.class);

    private final ModelCatalog catalog;
    private final ModelLoader loader;
    private final ActiveModel active;
    private final ObjectStore store;
    private volatile String pinned;

    public ModelSwitcher(ModelCatalog catalog, ModelLoader loader, ActiveModel active, ObjectStore store) {
        this.catalog = catalog;
        this.loader = loader;
        this.active = active;
        this.store = store;
    }

    public Optional<String> pinned() {
        return Optional.ofNullable(pinned);
    }

    /** After an announcement: serve it if it is the newest and nothing is pinned. */
    public synchronized void announced(ModelEntry entry) {
        boolean newest = catalog.newestServable().map(e -> e.modelId().equals(entry.modelId())).orElse(false);
        if (pinned == null && newest) {
            serve(entry);
        }
    }

    /** Pins a known model and serves it. */
    public synchronized void pin(String modelId) {
        ModelEntry entry = catalog.get(modelId).orElseThrow(() -> new UnknownModelException(modelId));
        serve(entry);
        pinned = modelId;
    }

    /** Back to serving the newest model. */
    public synchronized void unpin() {
        pinned = null;
        catalog.newestServable().ifPresent(this::serve);
    }

    private void serve(ModelEntry entry) {
        if (active.metadata().map(m -> m.modelId().equals(entry.modelId())).orElse(false)) {
            return;
        }
        try {
            byte[] bytes = store.get(StorageLayout.MODELS_BUCKET, entry.announcement().modelKey())
                    .orElseThrow(() -> new InvalidModelException("artifact " + entry.announcement().modelKey() + " is gone"));
            OnnxModel model = loader.load(entry.modelId(), bytes);
            active.activate(model);
            catalog.markActive(entry.modelId());
            LOG.infof("model %s now serves", entry.modelId());
        } catch (InvalidModelException e) {
            catalog.markRefused(entry.modelId(), e.getMessage());
            LOG.warnf("model %s refused: %s; %s keeps serving", entry.modelId(), e.getMessage(),
                    active.metadata().map(m -> m.modelId()).orElse("no model"));
            throw e;
        }
    }
}
