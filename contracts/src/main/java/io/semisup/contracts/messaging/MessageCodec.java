package io.semisup.contracts.messaging;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * The one JSON form of every message on every topic, so producers and consumers in different services cannot drift.
 * Unknown fields are ignored (a newer producer may add some); everything the record requires is checked by the
 * record itself when it is built.
 */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private MessageCodec() {
    }

    public static String encode(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JacksonException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * @throws InvalidMessageException with a reason a sender can act on when the payload is not a valid message
     */
    public static <T> T decode(String payload, Class<T> type) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidMessageException("empty " + type.getSimpleName() + " message");
        }
        try {
            return MAPPER.readValue(payload, type);
        } catch (JsonMappingException e) {
            if (rootCause(e) instanceof InvalidMessageException invalid) {
                throw new InvalidMessageException(type.getSimpleName() + ": " + invalid.getMessage(), e);
            }
            throw new InvalidMessageException(type.getSimpleName() + ": " + describe(e), e);
        } catch (JacksonException e) {
            throw new InvalidMessageException(type.getSimpleName() + ": not valid JSON (" + e.getOriginalMessage()
                    + ")", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return (path.isEmpty() ? "" : "field '" + path + "': ") + e.getOriginalMessage();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
