package io.jenkins.plugins.tat.client.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.api.TaskOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Reads an answer's JSON into a tree while it arrives, as {@code ObjectMapper.readTree} would,
 * except for one field: a task's {@code Output}, base64 text of up to 24 KB, is decoded the moment
 * it is read and put into the tree as a {@link TaskOutput} (a {@code POJONode}). So a page of 100
 * tasks' output is held once, as the bytes the commands printed: neither the body's bytes nor the
 * base64 text stay beside it.
 */
public final class AnswerReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES) // names come from the server: not into the JVM's pool
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String OUTPUT = "Output";

    private AnswerReader() {}

    /**
     * @param body the body; left open, for the caller to finish
     * @param decodeOutput turns an {@code Output} field's text into the output (decoding and redacting it)
     * @return the JSON value, or {@code null} if the body is empty
     * @throws IOException if the body is not JSON, or reading it failed
     */
    public static JsonNode read(InputStream body, Function<String, TaskOutput> decodeOutput) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            JsonToken first = parser.nextToken();
            return first == null ? null : value(parser, first, decodeOutput);
        }
    }

    /** The value that starts with {@code token}. Depth is bounded by the parser (1,000 levels by default). */
    private static JsonNode value(JsonParser parser, JsonToken token, Function<String, TaskOutput> decodeOutput)
            throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser, decodeOutput);
            case START_ARRAY -> array(parser, decodeOutput);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    private static ObjectNode object(JsonParser parser, Function<String, TaskOutput> decodeOutput) throws IOException {
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken next = ended(parser, parser.nextToken());
            if (next == JsonToken.VALUE_STRING && OUTPUT.equals(name)) {
                object.set(name, NODES.pojoNode(decodeOutput.apply(parser.getText())));
            } else {
                object.set(name, value(parser, next, decodeOutput));
            }
        }
        ended(parser, token);
        return object;
    }

    private static ArrayNode array(JsonParser parser, Function<String, TaskOutput> decodeOutput) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = ended(parser, parser.nextToken()); next != JsonToken.END_ARRAY;
                next = ended(parser, parser.nextToken())) {
            array.add(value(parser, next, decodeOutput));
        }
        return array;
    }

    /** The parser reports a body cut short itself; this is in case it ever gives {@code null} instead. */
    private static JsonToken ended(JsonParser parser, JsonToken token) throws JsonParseException {
        if (token == null) {
            throw new JsonParseException(parser, "the answer ends inside a JSON value");
        }
        return token;
    }
}
