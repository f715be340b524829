package io.semisup.dataset;

import com.fasterxml.jackson.core.type.TypeReference;
import io.semisup.contracts.dataset.ManifestImage;
import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.dataset.VersionManifest;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.dataset.image.ImageEntry;
import io.semisup.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static io.semisup.contracts.storage.StorageLayout.DATASETS_BUCKET;

/**
 * Datasets in object storage: the record ({@code dataset.json}), the image index ({@code index.json}), the image
 * objects and the version manifests. Loaded once per dataset and then served from memory; every change is written
 * through. One dataset-service instance owns the datasets it writes.
 */
@ApplicationScoped
public class DatasetStore {

    private static final TypeReference<List<ImageEntry>> INDEX = new TypeReference<>() {
    };

    private final ObjectStore store;
    private final Map<String, DatasetState> loaded = new ConcurrentHashMap<>();

    public DatasetStore(ObjectStore store) {
        this.store = store;
    }

    public DatasetState create(String name, List<String> classes) {
        Instant now = Instant.now();
        DatasetState state = new DatasetState(new Dataset(UUID.randomUUID().toString(), name, classes, now, now));
        save(state);
        loaded.put(state.id(), state);
        return state;
    }

    /** @throws NotFoundException when there is no such dataset */
    public DatasetState require(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("no dataset " + id));
    }

    public Optional<DatasetState> find(String id) {
        DatasetState state = loaded.get(id);
        if (state != null) {
            return Optional.of(state);
        }
        return store.get(DATASETS_BUCKET, StorageLayout.datasetRecord(id))
                .map(json -> loaded.computeIfAbsent(id, key -> load(read(json, Dataset.class))));
    }

    /** Every dataset, oldest first. */
    public List<DatasetState> all() {
        return store.list(DATASETS_BUCKET, "").stream()
                .filter(key -> key.endsWith("/dataset.json") && key.indexOf('/') == key.lastIndexOf('/'))
                .map(key -> find(key.substring(0, key.indexOf('/'))))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing((DatasetState s) -> s.dataset().createdAt()))
                .toList();
    }

    public void delete(DatasetState state) {
        loaded.remove(state.id());
        for (String key : store.list(DATASETS_BUCKET, StorageLayout.datasetPrefix(state.id()))) {
            store.delete(DATASETS_BUCKET, key);
        }
    }

    /** Writes the record and the index as they are now. */
    public void save(DatasetState state) {
        synchronized (state) {
            store.put(DATASETS_BUCKET, StorageLayout.datasetRecord(state.id()), json(state.dataset()),
                    "application/json");
            store.put(DATASETS_BUCKET, StorageLayout.imageIndex(state.id()), json(state.allImages()),
                    "application/json");
        }
    }

    public boolean hasImageObject(String datasetId, String imageId) {
        return store.size(DATASETS_BUCKET, StorageLayout.image(datasetId, imageId)).isPresent();
    }

    public void putImage(String datasetId, String imageId, byte[] bytes, String contentType) {
        store.put(DATASETS_BUCKET, StorageLayout.image(datasetId, imageId), bytes, contentType);
    }

    public Optional<byte[]> imageBytes(String datasetId, String imageId) {
        return store.get(DATASETS_BUCKET, StorageLayout.image(datasetId, imageId));
    }

    public void deleteImageObject(String datasetId, String imageId) {
        store.delete(DATASETS_BUCKET, StorageLayout.image(datasetId, imageId));
    }

    public void putManifest(VersionManifest manifest) {
        store.put(DATASETS_BUCKET, StorageLayout.versionManifest(manifest.datasetId(), manifest.version()),
                json(manifest), "application/json");
    }

    public Optional<VersionManifest> manifest(String datasetId, String version) {
        return store.get(DATASETS_BUCKET, StorageLayout.versionManifest(datasetId, version))
                .map(json -> read(json, VersionManifest.class));
    }

    private DatasetState load(Dataset dataset) {
        DatasetState state = new DatasetState(dataset);
        store.get(DATASETS_BUCKET, StorageLayout.imageIndex(dataset.id()))
                .ifPresent(json -> state.restore(readIndex(json)));
        List<VersionManifest> manifests = store.list(DATASETS_BUCKET, StorageLayout.versionsPrefix(dataset.id()))
                .stream()
                .filter(key -> key.endsWith("/manifest.json"))
                .map(key -> read(store.get(DATASETS_BUCKET, key).orElseThrow(), VersionManifest.class))
                .sorted(Comparator.comparing(VersionManifest::createdAt))
                .toList();
        for (VersionManifest manifest : manifests) {
            state.versionCreated(manifest.version(), ids(manifest.images(), null), ids(manifest.images(), Split.LABELED));
        }
        return state;
    }

    private static Set<String> ids(List<ManifestImage> images, Split split) {
        return images.stream()
                .filter(image -> split == null || image.split() == split)
                .map(ManifestImage::id)
                .collect(Collectors.toSet());
    }

    private static byte[] json(Object value) {
        try {
            return MessageCodec.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return MessageCodec.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }

    private static List<ImageEntry> readIndex(byte[] json) {
        try {
            return MessageCodec.mapper().readValue(json, INDEX);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable image index", e);
        }
    }
}
