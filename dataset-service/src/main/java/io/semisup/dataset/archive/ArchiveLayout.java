package io.semisup.dataset.archive;

import io.semisup.contracts.dataset.Split;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an archive entry goes: {@code labeled/<class>/<file>}, {@code unlabeled/<file>},
 * {@code validation/<class>/<file>} or {@code test/<class>/<file>}, optionally below one top-level folder (an
 * archive of the folder itself, e.g. {@code cifar10-ssl/labeled/cat/1.jpg}).
 */
final class ArchiveLayout {

    record Placement(Split split, String className, String fileName) {
    }

    private ArchiveLayout() {
    }

    /** Refuses names that could write outside the dataset if someone extracted them: the archive is hostile. */
    static void checkSafe(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.contains("\0")
                || Arrays.asList(name.split("/")).contains("..")) {
            throw new ArchiveRefusedException("archive entry '" + name + "' escapes the archive (absolute path, '..' "
                    + "or '\\\\'): the archive is refused", 400);
        }
    }

    /** @return where the entry goes, or empty when it is not in the dataset layout */
    static Optional<Placement> place(String name) {
        String[] parts = name.split("/");
        int first = isSplit(parts[0]) ? 0 : parts.length > 1 && isSplit(parts[1]) ? 1 : -1;
        if (first < 0) {
            return Optional.empty();
        }
        Split split = Split.of(parts[first]);
        int expected = split.hasClass() ? 3 : 2;
        if (parts.length - first != expected) {
            return Optional.empty();
        }
        String file = parts[parts.length - 1];
        return Optional.of(new Placement(split, split.hasClass() ? parts[first + 1] : null, file));
    }

    private static boolean isSplit(String part) {
        return Arrays.stream(Split.values()).anyMatch(s -> s.id().equals(part));
    }
}
