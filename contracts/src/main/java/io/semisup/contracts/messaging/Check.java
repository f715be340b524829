package io.semisup.contracts.messaging;

import java.util.Collection;
import java.util.regex.Pattern;

/** Field checks for message records; each failure names the field so the dead-letter reason is actionable. */
public final class Check {

    /** Ids travel into object keys and topic keys: keep them to a safe, bounded alphabet. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Check() {
    }

    public static String id(String field, String value) {
        present(field, value);
        if (!ID.matcher(value).matches() || value.contains("..")) {
            throw new InvalidMessageException(field + " '" + value
                    + "' must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    public static <T> T present(String field, T value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidMessageException(field + " is required");
        }
        return value;
    }

    public static <C extends Collection<?>> C notEmpty(String field, C value) {
        if (present(field, value).isEmpty()) {
            throw new InvalidMessageException(field + " must not be empty");
        }
        return value;
    }

    public static void schemaVersion(String type, int version, int supported) {
        if (version != supported) {
            throw new InvalidMessageException(type + " schemaVersion " + version + " is not supported (expected "
                    + supported + ")");
        }
    }

    public static Integer range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidMessageException(field + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static Double range(String field, Double value, double min, double max) {
        if (value != null && !(value >= min && value <= max)) {
            throw new InvalidMessageException(field + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static String oneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new InvalidMessageException(field + " must be one of " + String.join(", ", allowed) + ", was '"
                    + value + "'");
        }
        return value;
    }

    public static long notNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidMessageException(field + " must not be negative, was " + value);
        }
        return value;
    }
}
