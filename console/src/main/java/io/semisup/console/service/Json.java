package io.semisup.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.contracts.messaging.MessageCodec;

import java.util.List;
import java.util.Map;

/** A service's JSON as plain maps and lists, which templates read by name ({@code dataset.name}). */
public final class Json {

    private Json() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(JsonNode node) {
        return MessageCodec.mapper().convertValue(node, Map.class);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(JsonNode node) {
        return MessageCodec.mapper().convertValue(node, List.class);
    }
}
