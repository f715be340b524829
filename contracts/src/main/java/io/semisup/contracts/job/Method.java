package io.semisup.contracts.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.semisup.contracts.messaging.InvalidMessageException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The training methods a team compares; all share one encoder so they compare fairly. */
public enum Method {
    SUPERVISED("supervised"),
    SIMCLR("simclr"),
    SIMCLR_FINETUNE("simclr-finetune"),
    SGAN("sgan"),
    SGAN_PRETRAINED("sgan-pretrained"),
    FIXMATCH("fixmatch");

    private final String id;

    Method(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Method of(String id) {
        return Arrays.stream(values())
                .filter(m -> m.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new InvalidMessageException("unknown method '" + id + "', expected one of "
                        + Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
