package io.semisup.dataset;

import jakarta.ws.rs.BadRequestException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Class names are what people call their classes, in any language ("Zèbre", "Buffle d'Afrique"): letters, digits,
 * spaces and punctuation are fine, but nothing that could act as a path or hide in a listing.
 */
public final class ClassNames {

    public static final int MAX_LENGTH = 100;

    private ClassNames() {
    }

    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new BadRequestException("a class name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new BadRequestException("class name '" + name.substring(0, 20) + "...' is longer than "
                    + MAX_LENGTH + " characters");
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.contains("..")) {
            throw new BadRequestException("class name '" + name + "' must not contain '/', '\\\\' or '..'");
        }
        if (name.codePoints().anyMatch(Character::isISOControl) || !name.strip().equals(name)) {
            throw new BadRequestException("class name '" + name
                    + "' must not contain control characters or leading/trailing spaces");
        }
        return name;
    }

    public static List<String> checkAll(List<String> names) {
        if (names == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(check(name))) {
                throw new BadRequestException("class '" + name + "' is listed twice");
            }
        }
        return List.copyOf(names);
    }
}
