package io.jenkins.plugins.tat.client.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.text.Texts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The custom parameters of an InvokeCommand: a JSON object of string keys to string values, sent
 * as a JSON-encoded <em>string</em> in the {@code Parameters} field (docs/dev/protocol.md §4.1).
 *
 * <p>Rules (InvokeCommand's {@code Parameters} in tccli api.json, docs/dev/protocol.md §0 and
 * §4.1; error codes from the per-action list, docs/dev/protocol.md §3.2):
 * <ul>
 *   <li>valid JSON, and a JSON object — {@code InvalidParameterValue.ParameterInvalidJsonFormat};</li>
 *   <li>no key twice in the JSON text — {@code InvalidParameterValue.ParameterKeyDuplicated}
 *       (a JSON parser would silently keep the last one, so the text is read token by token);</li>
 *   <li>every value a string — {@code InvalidParameterValue.ParameterValueNotString};</li>
 *   <li>at most 20 keys — {@code InvalidParameterValue.ParameterNumberExceeded};</li>
 *   <li>each key 1 to 64 characters — {@code InvalidParameterValue.ParameterKeyLenExceeded};</li>
 *   <li>each key only {@code [a-zA-Z0-9-_]} — {@code InvalidParameterValue.ParameterKeyContainsInvalidChar}.</li>
 * </ul>
 *
 * <p>Messages quote keys but never values: a parameter may carry a password.
 */
public final class CommandParameters {

    /** The API field name. */
    public static final String FIELD = "Parameters";
    /** Maximum number of parameters in one invocation. */
    public static final int MAX_COUNT = 20;
    /** Maximum length of a parameter name. */
    public static final int MAX_KEY_LENGTH = 64;

    private static final Pattern KEY_CHARS = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private CommandParameters() {}

    /**
     * The outcome of checking parameters: the values if every rule holds, and every violation.
     *
     * @param values the parameters in their original order; empty when there are violations
     * @param violations every broken rule
     */
    public record Check(Map<String, String> values, List<Violation> violations) {

        /**
         * @param values the parameter values
         * @param violations the problems
         */
        public Check {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            violations = List.copyOf(violations);
        }

        /** @return whether every rule holds */
        public boolean isValid() {
            return violations.isEmpty();
        }
    }

    /**
     * Checks parameters given as JSON text, e.g. {@code {"version":"1.2","env":"prod"}}.
     *
     * @param json the text
     * @return the values and violations
     */
    public static Check fromJson(String json) {
        return fromJson(FIELD, json);
    }

    /**
     * Checks parameters given as JSON text, under another field's name: RunCommand's
     * {@code DefaultParameters} follow the same rules as {@code Parameters}.
     *
     * @param field the API field the messages name
     * @param json the text
     * @return the values and violations
     */
    public static Check fromJson(String field, String json) {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            violations.add(new Violation(field, "is empty; give a JSON object such as {\"name\":\"value\"}, or leave it out",
                    "InvalidParameterValue.ParameterInvalidJsonFormat"));
            return new Check(Map.of(), violations);
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                violations.add(new Violation(field, "must be a JSON object of names to string values, such as {\"name\":\"value\"}",
                        "InvalidParameterValue.ParameterInvalidJsonFormat"));
                return new Check(Map.of(), violations);
            }
            List<String> duplicates = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                if (values.containsKey(key) || duplicates.contains(key)) {
                    if (!duplicates.contains(key)) {
                        duplicates.add(key);
                    }
                } else if (valueToken == JsonToken.VALUE_STRING) {
                    values.put(key, parser.getText());
                } else {
                    violations.add(notString(field, key, jsonKindOf(valueToken)));
                    values.put(key, null);
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                violations.add(new Violation(field, "has text after the closing brace of the JSON object",
                        "InvalidParameterValue.ParameterInvalidJsonFormat"));
            }
            for (String key : duplicates) {
                violations.add(new Violation(field, "names '" + Texts.shorten(key) + "' more than once; each parameter may appear once",
                        "InvalidParameterValue.ParameterKeyDuplicated"));
            }
        } catch (JsonProcessingException e) {
            // Only the location is quoted: the parser's own message may echo a value.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            violations.add(new Violation(field, "is not valid JSON" + where + "; give a JSON object such as {\"name\":\"value\"}",
                    "InvalidParameterValue.ParameterInvalidJsonFormat"));
            return new Check(Map.of(), violations);
        } catch (IOException e) {
            throw new IllegalStateException("reading a String cannot fail with I/O", e);
        }
        checkKeys(field, values.keySet(), violations);
        return violations.isEmpty() ? new Check(values, violations) : new Check(Map.of(), violations);
    }

    /**
     * Checks parameters given as a map, e.g. from a Pipeline script {@code [version: '1.2']}.
     *
     * <p>Names must be text: a {@link String}, or any other {@link CharSequence}, taken as its
     * {@code toString()}, because a Pipeline writes a name with a variable in it,
     * {@code ["${prefix}_url": '…']}, as a Groovy GString. A {@code null} name or one of another
     * type (a number, a list) is refused rather than turned into text: {@code null} would become
     * the name {@code "null"}, which nobody meant. Such a map has no JSON form (JSON object names
     * are strings), hence {@code InvalidParameterValue.ParameterInvalidJsonFormat}. Two names of
     * the same text (a String and a GString) are refused as a repeated name. Values must be
     * strings too; a number or a boolean is refused rather than converted, as the API does.
     *
     * <p>The messages name an entry by its position and its name's type, and never quote a value.
     *
     * @param map the parameters
     * @return the values and violations
     */
    public static Check fromMap(Map<?, ?> map) {
        return fromMap(FIELD, map);
    }

    /**
     * Checks parameters given as a map, under another field's name (see {@link #fromJson(String, String)}).
     *
     * @param field the API field the messages name
     * @param map the parameters
     * @return the values and violations
     */
    public static Check fromMap(String field, Map<?, ?> map) {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        if (map == null) {
            return new Check(Map.of(), violations);
        }
        List<String> keys = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        int position = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            position++;
            if (!(e.getKey() instanceof CharSequence name)) {
                violations.add(new Violation(field, "entry " + position + " has "
                        + (e.getKey() == null ? "no name (its key is null)" : "a name of type "
                                + e.getKey().getClass().getSimpleName() + ", not a string")
                        + "; every parameter name must be a string, e.g. [version: '1.2']",
                        "InvalidParameterValue.ParameterInvalidJsonFormat"));
                continue;
            }
            String key = name.toString();
            if (keys.contains(key)) {
                if (!duplicates.contains(key)) {
                    duplicates.add(key);
                }
                continue;
            }
            keys.add(key);
            if (e.getValue() instanceof CharSequence value) {
                values.put(key, value.toString());
            } else {
                violations.add(notString(field, key, e.getValue() == null ? "null" : "a " + e.getValue().getClass().getSimpleName()));
            }
        }
        for (String key : duplicates) {
            violations.add(new Violation(field, "names '" + Texts.shorten(key) + "' more than once; each parameter may appear once",
                    "InvalidParameterValue.ParameterKeyDuplicated"));
        }
        checkKeys(field, keys, violations);
        return violations.isEmpty() ? new Check(values, violations) : new Check(Map.of(), violations);
    }

    /**
     * Encodes checked parameters as the JSON text the {@code Parameters} field carries.
     *
     * @param values valid parameters
     * @return compact JSON, keys in the given order
     */
    public static String toJson(Map<String, String> values) {
        return ApiJson.writeString(values);
    }

    private static void checkKeys(String field, Iterable<String> keys, List<Violation> violations) {
        int count = 0;
        for (String key : keys) {
            count++;
            int length = key.codePointCount(0, key.length());
            if (length < 1 || length > MAX_KEY_LENGTH) {
                violations.add(new Violation(field, "name '" + Texts.shorten(key) + "' has " + length
                        + " characters; a parameter name must have 1 to " + MAX_KEY_LENGTH,
                        "InvalidParameterValue.ParameterKeyLenExceeded"));
            } else if (!KEY_CHARS.matcher(key).matches()) {
                violations.add(new Violation(field, "name '" + Texts.shorten(key)
                        + "' may contain only letters a-z and A-Z, digits, '-' and '_'",
                        "InvalidParameterValue.ParameterKeyContainsInvalidChar"));
            }
        }
        if (count > MAX_COUNT) {
            violations.add(new Violation(field, "has " + count + " parameters; at most " + MAX_COUNT + " are allowed",
                    "InvalidParameterValue.ParameterNumberExceeded"));
        }
    }

    private static Violation notString(String field, String key, String what) {
        return new Violation(field, "value of '" + Texts.shorten(key) + "' is " + what
                + "; every parameter value must be a string (quote it, e.g. \"8080\")",
                "InvalidParameterValue.ParameterValueNotString");
    }

    private static String jsonKindOf(JsonToken token) {
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> "not a string";
        };
    }
}
