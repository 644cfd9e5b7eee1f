package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON body of an action, read field by field with the service's errors: a field the action
 * does not define is {@code UnknownParameter}; a field of the wrong JSON type is
 * {@code InvalidParameter} (the docs give no finer code for type errors). A JSON {@code null} is
 * treated like an absent field.
 */
final class ActionParams {

    private final ObjectNode body;

    ActionParams(ObjectNode body, Set<String> knownFields) {
        this.body = body;
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!knownFields.contains(name)) {
                throw new TatApiError("UnknownParameter", "The parameter `" + name + "` is not recognized.");
            }
        }
    }

    boolean has(String field) {
        JsonNode node = body.get(field);
        return node != null && !node.isNull();
    }

    Optional<String> string(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return Optional.of(node.textValue());
    }

    Optional<Long> integer(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "an integer", node);
        }
        return Optional.of(node.longValue());
    }

    Optional<Boolean> bool(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (!node.isBoolean()) {
            throw wrongType(field, "a boolean", node);
        }
        return Optional.of(node.booleanValue());
    }

    Optional<List<String>> strings(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        return Optional.of(stringArray(field, body.get(field)));
    }

    /** The elements of an array field that must hold objects (e.g. Filters). */
    Optional<List<JsonNode>> objects(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (!node.isArray()) {
            throw wrongType(field, "an array", node);
        }
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isObject()) {
                throw wrongType(field + "[]", "an object", element);
            }
            result.add(element);
        }
        return Optional.of(result);
    }

    static List<String> stringArray(String field, JsonNode node) {
        if (!node.isArray()) {
            throw wrongType(field, "an array of strings", node);
        }
        List<String> result = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw wrongType(field + "[]", "a string", element);
            }
            result.add(element.textValue());
        }
        return result;
    }

    private static TatApiError wrongType(String field, String expected, JsonNode actual) {
        return new TatApiError("InvalidParameter",
                "The parameter `" + field + "` must be " + expected + ", not JSON " + actual.getNodeType() + ".");
    }
}
