package io.jenkins.plugins.tat.client.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.text.Texts;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * JSON reading and writing for the API. Responses ({@link AnswerReader} makes their trees) are
 * read field by field from the tree, so a field the API adds later, or a {@code null} where the
 * docs promise a value, never fails a call.
 */
public final class ApiJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The most code points kept of a long text field, e.g. a command's DefaultParameters JSON. */
    private static final int LONG_TEXT = 64 * 1024;

    private ApiJson() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and maps of strings always serialise", e);
        }
    }

    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** @return the field's text, or {@code null} when it is missing or JSON null */
    /**
     * A text field as text that is safe to show: invisible characters written out (see
     * {@link Texts}). Use {@link #rawText} only for fields that are never shown as they are.
     */
    public static String text(JsonNode node, String field) {
        String value = rawText(node, field);
        return value == null ? null : Texts.visible(value, LONG_TEXT);
    }

    /** Like {@link #text}, and also capped like any server text in a message: names, statuses, error texts. */
    public static String shortText(JsonNode node, String field) {
        String value = rawText(node, field);
        return value == null ? null : Texts.serverText(value);
    }

    public static String textOrEmpty(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? "" : value;
    }

    public static String shortTextOrEmpty(JsonNode node, String field) {
        String value = shortText(node, field);
        return value == null ? "" : value;
    }

    /** A text field exactly as sent, e.g. base64 output that is decoded before use. */
    public static String rawText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.asBoolean(false);
    }

    /**
     * Reads a time stamp. The docs say {@code YYYY-MM-DDThh:mm:ssZ} but the official examples also
     * show {@code 2020-11-09T07:21:59+00:00} (docs/dev/protocol.md §4), so both are read; an empty, null or
     * unreadable value gives {@code null} rather than failing the call.
     */
    public static Instant time(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> reader) {
        JsonNode array = node.get(field);
        List<T> items = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> items.add(reader.apply(item)));
        }
        return List.copyOf(items);
    }

    /**
     * A page's total, e.g. {@code TotalCount}: an integer of at least 0. A page without one is not
     * read as a page of what it holds, since a caller could take an item that is missing from it
     * for one that does not exist.
     *
     * @throws MalformedAnswerException if it is missing, null, not an integer or negative
     */
    public static long count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new MalformedAnswerException("its " + field + " is missing or not a number");
        }
        return value.asLong();
    }

    /**
     * A page's items, e.g. {@code InvocationSet}: an array of objects. Unlike {@link #list}, a set
     * of another shape fails the answer instead of reading as an empty page. A missing or null set
     * is read as empty only when the page's total is 0 too.
     *
     * @param total the page's total, from {@link #count}
     * @throws MalformedAnswerException if the set is not an array of objects
     */
    public static <T> List<T> entries(JsonNode node, String field, long total, Function<JsonNode, T> reader) {
        JsonNode array = node.get(field);
        if ((array == null || array.isNull()) && total == 0) {
            return List.of();
        }
        if (array == null || !array.isArray()) {
            throw new MalformedAnswerException("its " + field + " is missing or not a list");
        }
        List<T> items = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            if (!item.isObject()) {
                throw new MalformedAnswerException("an entry of its " + field + " is not an object");
            }
            items.add(reader.apply(item));
        }
        return List.copyOf(items);
    }

    public static List<String> strings(JsonNode node, String field) {
        return list(node, field, JsonNode::asText);
    }
}
