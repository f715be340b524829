package io.semisup.training.data;

import io.semisup.contracts.dataset.Split;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The decoded images of one dataset version, by split, held in memory for the run. Class indices follow the sorted
 * class names, the same order the exported classifier's outputs use.
 */
public final class ImageDataset {

    private final List<String> classes;
    private final Map<Split, List<Sample>> splits;
    private final Map<Split, List<String>> names;

    private ImageDataset(List<String> classes, Map<Split, List<Sample>> splits, Map<Split, List<String>> names) {
        this.classes = List.copyOf(classes);
        this.splits = splits;
        this.names = names;
    }

    public List<String> classes() {
        return classes;
    }

    public List<Sample> split(Split split) {
        return splits.getOrDefault(split, List.of());
    }

    /** What each image of a split is called where it came from (an image id, a file's path), in the split's order. */
    public List<String> names(Split split) {
        return names.getOrDefault(split, List.of());
    }

    /** The split to report accuracy on: test when there is one, else validation, else none (empty). */
    public List<Sample> evaluationSplit() {
        return split(Split.TEST).isEmpty() ? split(Split.VALIDATION) : split(Split.TEST);
    }

    public Split evaluationSplitName() {
        return split(Split.TEST).isEmpty() ? Split.VALIDATION : Split.TEST;
    }

    /**
     * Reads a folder in the dataset layout: {@code labeled/<class>/}, {@code unlabeled/}, {@code validation/<class>/},
     * {@code test/<class>/}; missing splits are empty. {@code progress} receives the count of decoded images.
     */
    public static ImageDataset readFolder(Path root, int imageSize, int threads, IntConsumer progress) {
        Path labeledDir = root.resolve("labeled");
        if (!Files.isDirectory(labeledDir)) {
            throw new IllegalArgumentException(root + " has no labeled/<class>/ folders");
        }
        List<String> classes = listDirs(labeledDir);
        if (classes.size() < 2) {
            throw new IllegalArgumentException(labeledDir + " needs at least two class folders, found " + classes);
        }
        record Job(Split split, int label, Path file) { }
        List<Job> jobs = new ArrayList<>();
        for (Split split : Split.values()) {
            Path dir = root.resolve(split.name().toLowerCase());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            if (split.hasClass()) {
                for (String name : listDirs(dir)) {
                    int label = classes.indexOf(name);
                    if (label < 0) {
                        throw new IllegalArgumentException(dir.resolve(name) + ": class not among labeled/ " + classes);
                    }
                    listFiles(dir.resolve(name)).forEach(f -> jobs.add(new Job(split, label, f)));
                }
            } else {
                listFiles(dir).forEach(f -> jobs.add(new Job(split, Sample.UNLABELED, f)));
            }
        }
        ImageDecoder decoder = new ImageDecoder(cacheSide(imageSize));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<Sample>> decoded = new ArrayList<>();
            for (Job job : jobs) {
                decoded.add(pool.submit(() -> {
                    try (InputStream in = Files.newInputStream(job.file())) {
                        Sample s = new Sample(decoder.decode(in, job.file().toString()), job.label());
                        progress.accept(done.incrementAndGet());
                        return s;
                    }
                }));
            }
            Builder builder = new Builder(classes);
            for (int i = 0; i < jobs.size(); i++) {
                builder.add(jobs.get(i).split(), root.relativize(jobs.get(i).file()).toString(), decoded.get(i).get());
            }
            return builder.build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + root, e);
        } catch (ExecutionException e) {
            throw new IllegalArgumentException("cannot read " + root + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Side of the cached images: a little above the input so random crops keep detail. */
    public static int cacheSide(int imageSize) {
        return (int) Math.ceil(imageSize * 1.15);
    }

    public static Builder builder(List<String> classes) {
        return new Builder(classes);
    }

    /** Collects decoded samples, e.g. from object storage, in any order. */
    public static final class Builder {
        private final List<String> classes;
        private final Map<Split, List<Sample>> splits = new EnumMap<>(Split.class);
        private final Map<Split, List<String>> names = new EnumMap<>(Split.class);

        private Builder(List<String> classes) {
            this.classes = classes;
        }

        public Builder add(Split split, String name, Sample sample) {
            if (split.hasClass() != sample.labeled()) {
                throw new IllegalArgumentException(split + " images " + (split.hasClass() ? "need" : "carry no") + " a class");
            }
            if (sample.label() >= classes.size()) {
                throw new IllegalArgumentException("class index " + sample.label() + " out of " + classes);
            }
            splits.computeIfAbsent(split, s -> new ArrayList<>()).add(sample);
            names.computeIfAbsent(split, s -> new ArrayList<>()).add(name);
            return this;
        }

        public ImageDataset build() {
            if (splits.getOrDefault(Split.LABELED, List.of()).isEmpty()) {
                throw new IllegalArgumentException("a dataset needs labelled images to train a classifier");
            }
            Map<Split, List<Sample>> frozen = new EnumMap<>(Split.class);
            splits.forEach((k, v) -> frozen.put(k, Collections.unmodifiableList(v)));
            Map<Split, List<String>> frozenNames = new EnumMap<>(Split.class);
            names.forEach((k, v) -> frozenNames.put(k, List.copyOf(v)));
            return new ImageDataset(classes, frozen, frozenNames);
        }
    }

    private static List<String> listDirs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
