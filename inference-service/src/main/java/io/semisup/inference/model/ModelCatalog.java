package io.semisup.inference.model;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The models announced on {@code model-events} whose artifacts exist, newest first. */
@ApplicationScoped
public class ModelCatalog {

    private final Map<String, ModelEntry> models = new ConcurrentHashMap<>();

    public void add(ModelEntry entry) {
        models.put(entry.modelId(), entry);
    }

    public List<ModelEntry> all() {
        return models.values().stream()
                .sorted(Comparator.comparing((ModelEntry e) -> e.announcement().createdAt()).reversed())
                .toList();
    }

    public Optional<ModelEntry> newest() {
        return all().stream().findFirst();
    }
}
