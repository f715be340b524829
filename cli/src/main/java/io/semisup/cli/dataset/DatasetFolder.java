package io.semisup.cli.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder in the dataset layout: {@code labeled/<class>/}, {@code unlabeled/}, {@code validation/<class>/},
 * {@code test/<class>/}; only {@code labeled/} is required.
 */
public record DatasetFolder(Path root) {

    public static final List<String> SPLITS = List.of("labeled", "unlabeled", "validation", "test");

    public record LabeledFile(Path file, String className) {
    }

    public DatasetFolder {
        if (!Files.isDirectory(root.resolve("labeled"))) {
            throw new IllegalArgumentException(root + " is not a dataset folder: it has no labeled/<class>/ folders");
        }
    }

    public List<String> classes() {
        return dirs(root.resolve("labeled"));
    }

    /** The images of a split with a class; empty when the split is absent. */
    public List<LabeledFile> labeled(String split) {
        List<LabeledFile> files = new ArrayList<>();
        Path dir = root.resolve(split);
        if (Files.isDirectory(dir)) {
            for (String c : dirs(dir)) {
                files(dir.resolve(c)).forEach(f -> files.add(new LabeledFile(f, c)));
            }
        }
        return files;
    }

    /** The split held back for judging a served model: test, else validation (as in ../shared/datasets/cifar10-ssl). */
    public String heldOutSplit() {
        return labeled("test").isEmpty() ? "validation" : "test";
    }

    /** Every image file under the layout's split folders. */
    public List<Path> allFiles() {
        List<Path> all = new ArrayList<>();
        for (String split : SPLITS) {
            Path dir = root.resolve(split);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(all::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return all;
    }

    private static List<String> dirs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
