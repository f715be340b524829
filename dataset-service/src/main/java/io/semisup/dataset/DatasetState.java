package io.semisup.dataset;

import io.semisup.contracts.dataset.Split;
import io.semisup.dataset.image.ImageEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A dataset in memory: its record, its image index and what its versions hold. Every method holds the dataset's
 * monitor, so concurrent uploads, labels and versions of one dataset never interleave inside an operation.
 */
public final class DatasetState {

    private Dataset dataset;
    private final Map<String, ImageEntry> images = new LinkedHashMap<>();
    /** Ids being stored right now: a second copy of the same bytes is a duplicate even before the first lands. */
    private final Set<String> pending = new HashSet<>();
    /** Every image some version references: its object must outlive its removal from the dataset. */
    private final Set<String> versioned = new HashSet<>();
    /** The labelled images of the latest version: what "new labels" are counted against. */
    private Set<String> labeledAtLatestVersion = Set.of();
    private final List<String> versions = new ArrayList<>();

    DatasetState(Dataset dataset) {
        this.dataset = dataset;
    }

    public synchronized Dataset dataset() {
        return dataset;
    }

    public String id() {
        return dataset.id();
    }

    /** Puts back the index as it was stored, without touching the record. */
    synchronized void restore(List<ImageEntry> entries) {
        entries.forEach(entry -> images.put(entry.id(), entry));
    }

    /** Claims an image id for storing; false when the dataset has it already (a duplicate). */
    public synchronized boolean reserve(String imageId) {
        return !images.containsKey(imageId) && pending.add(imageId);
    }

    public synchronized void release(String imageId) {
        pending.remove(imageId);
    }

    public synchronized void commit(ImageEntry entry) {
        pending.remove(entry.id());
        images.put(entry.id(), entry);
        if (entry.className() != null && !dataset.classes().contains(entry.className())) {
            List<String> classes = new ArrayList<>(dataset.classes());
            classes.add(entry.className());
            // images arrive in parallel: sorting keeps the order independent of who came first
            classes.sort(null);
            dataset = dataset.withClasses(classes, Instant.now());
        } else {
            dataset = dataset.touched(Instant.now());
        }
    }

    public synchronized Optional<ImageEntry> image(String imageId) {
        return Optional.ofNullable(images.get(imageId));
    }

    public synchronized Optional<ImageEntry> remove(String imageId) {
        ImageEntry removed = images.remove(imageId);
        if (removed != null) {
            dataset = dataset.touched(Instant.now());
        }
        return Optional.ofNullable(removed);
    }

    public synchronized boolean isVersioned(String imageId) {
        return versioned.contains(imageId);
    }

    public synchronized List<ImageEntry> images(Predicate<ImageEntry> filter) {
        return images.values().stream().filter(filter).toList();
    }

    public synchronized List<ImageEntry> allImages() {
        return List.copyOf(images.values());
    }

    public synchronized Map<Split, Long> countsBySplit() {
        Map<Split, Long> counts = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            counts.put(split, 0L);
        }
        images.values().forEach(image -> counts.merge(image.split(), 1L, Long::sum));
        return counts;
    }

    /** Counts per split, then per class (unlabelled images have none). */
    public synchronized Map<Split, Map<String, Long>> countsByClass() {
        Map<Split, Map<String, Long>> counts = new EnumMap<>(Split.class);
        for (ImageEntry image : images.values()) {
            if (image.className() != null) {
                counts.computeIfAbsent(image.split(), s -> new TreeMap<>()).merge(image.className(), 1L, Long::sum);
            }
        }
        return counts;
    }

    public synchronized long totalBytes() {
        return images.values().stream().mapToLong(ImageEntry::bytes).sum();
    }

    /** Labelled images that the latest version did not have labelled. */
    public synchronized long newLabels() {
        return images.values().stream()
                .filter(image -> image.split() == Split.LABELED && !labeledAtLatestVersion.contains(image.id()))
                .count();
    }

    public synchronized List<String> versions() {
        return List.copyOf(versions);
    }

    /** Records a version: its images become undeletable, and new labels count from it. */
    public synchronized void versionCreated(String version, Set<String> imageIds, Set<String> labeledIds) {
        versions.add(version);
        versioned.addAll(imageIds);
        labeledAtLatestVersion = Set.copyOf(labeledIds);
    }
}
