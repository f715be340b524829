package io.semisup.inference.model;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The models announced on {@code model-events} whose artifacts exist, newest first, with their serving status. */
@ApplicationScoped
public class ModelCatalog {

    private final Map<String, ModelEntry> models = new ConcurrentHashMap<>();

    public void add(ModelEntry entry) {
        models.put(entry.modelId(), entry);
    }

    public Optional<ModelEntry> get(String modelId) {
        return Optional.ofNullable(models.get(modelId));
    }

    public List<ModelEntry> all() {
        return models.values().stream()
                .sorted(Comparator.comparing((ModelEntry e) -> e.announcement().createdAt()).reversed())
                .toList();
    }

    /** The newest model that has not been refused. */
    public Optional<ModelEntry> newestServable() {
        return all().stream().filter(e -> e.status() != ModelEntry.Status.REFUSED).findFirst();
    }

    /** Marks {@code modelId} ACTIVE and whichever model was active before AVAILABLE. */
    public synchronized void markActive(String modelId) {
        models.replaceAll((id, e) -> id.equals(modelId) ? e.with(ModelEntry.Status.ACTIVE, null)
                : e.status() == ModelEntry.Status.ACTIVE ? e.with(ModelEntry.Status.AVAILABLE, null) : e);
    }

    public void markRefused(String modelId, String reason) {
        models.computeIfPresent(modelId, (id, e) -> e.with(ModelEntry.Status.REFUSED, reason));
    }
}
