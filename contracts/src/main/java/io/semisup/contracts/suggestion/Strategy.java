package io.semisup.contracts.suggestion;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.semisup.contracts.messaging.InvalidMessageException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How unlabelled images are ranked for a person to label next. The uncertainty strategies read the classifier's
 * probabilities; {@link #TYPICLUST} and {@link #MARGIN_CLUSTER} read the encoder's representation as well, because at
 * a few labels per class the classifier's confidence is a poor guide (Hacohen et al. 2022).
 */
public enum Strategy {
    /** A seeded shuffle: the baseline every other strategy is measured against. */
    RANDOM("random"),
    /** Lowest top probability first. */
    LEAST_CONFIDENCE("least-confidence"),
    /** Smallest gap between the two most probable classes first. */
    MARGIN("margin"),
    /** Highest entropy of the predicted distribution first. */
    ENTROPY("entropy"),
    /** TypiClust: the most typical image of each of the largest clusters of representations without a label. */
    TYPICLUST("typiclust"),
    /** Diversity among the uncertain: the smallest-margin images, clustered, the most uncertain of each cluster. */
    MARGIN_CLUSTER("margin-cluster");

    /** What a request without a strategy gets: the low-budget strategy, since teams start with few labels. */
    public static final Strategy DEFAULT = TYPICLUST;

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Strategy of(String id) {
        return Arrays.stream(values())
                .filter(s -> s.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new InvalidMessageException("unknown strategy '" + id + "', expected one of "
                        + Arrays.stream(values()).map(Strategy::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
