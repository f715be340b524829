package io.semisup.contracts.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.semisup.contracts.messaging.InvalidMessageException;

import java.util.Arrays;
import java.util.Locale;

/** The four parts of a dataset; also the top-level folder names of an archive. */
public enum Split {
    LABELED(true),
    UNLABELED(false),
    VALIDATION(true),
    TEST(true);

    private final boolean hasClass;

    Split(boolean hasClass) {
        this.hasClass = hasClass;
    }

    /** Whether an image of this split carries a class. */
    public boolean hasClass() {
        return hasClass;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Split of(String id) {
        return Arrays.stream(values())
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new InvalidMessageException("unknown split '" + id
                        + "', expected labeled, unlabeled, validation or test"));
    }

    @Override
    public String toString() {
        return id();
    }
}
