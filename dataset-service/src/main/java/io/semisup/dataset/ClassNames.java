package io.semisup.dataset;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Class names are what people call their classes, in any language ("Zèbre", "Buffle d'Afrique"): letters, digits,
 * spaces and punctuation are fine, but nothing that could act as a path or hide in a listing.
 */
final class ClassNames {

    static final int MAX_LENGTH = 100;

    private ClassNames() {
    }

    static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidDatasetException("a class name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidDatasetException("class name '" + name.substring(0, 20) + "...' is longer than "
                    + MAX_LENGTH + " characters");
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.contains("..")) {
            throw new InvalidDatasetException("class name '" + name + "' must not contain '/', '\\' or '..'");
        }
        if (name.codePoints().anyMatch(Character::isISOControl) || !name.strip().equals(name)) {
            throw new InvalidDatasetException("class name '" + name
                    + "' must not contain control characters or leading/trailing spaces");
        }
        return name;
    }

    static List<String> checkAll(List<String> names) {
        if (names == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(check(name))) {
                throw new InvalidDatasetException("class '" + name + "' is listed twice");
            }
        }
        return List.copyOf(names);
    }
}
