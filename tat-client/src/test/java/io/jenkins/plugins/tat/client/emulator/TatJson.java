package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON building blocks shared by the actions, in the formats the service uses. */
final class TatJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code 2020-11-05T07:49:58+00:00}, the form of the official examples (docs/dev/protocol.md §4). */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private TatJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts an ISO-8601 time, or JSON null for a nullable time that has no value. */
    static void putTime(ObjectNode node, String field, Instant time) {
        if (time == null) {
            node.putNull(field);
        } else {
            node.put(field, TIME.format(time.truncatedTo(ChronoUnit.SECONDS)));
        }
    }

    /** A map of parameter names to values as the JSON-encoded string the API carries. */
    static String encodeParameters(Map<String, String> parameters) {
        try {
            return MAPPER.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** The JSON-encoded Parameters string of an accepted request as a map; {@code "{}"} gives an empty one. */
    static Map<String, String> decodeParameters(String parameters) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            MAPPER.readTree(parameters).properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Parameters were checked before: " + e.getOriginalMessage(), e);
        }
    }

    static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serialises", e);
        }
    }
}
