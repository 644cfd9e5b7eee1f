package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks InvokeCommand's {@code Parameters}: a JSON-encoded <em>string</em> holding an object of
 * string values, allowed only for a command with EnableParameter (docs/dev/protocol.md §4.1). The codes are
 * the {@code InvalidParameterValue.Parameter*} family of docs/dev/protocol.md §3.2, checked in this order:
 * ParameterDisabled, ParameterInvalidJsonFormat, ParameterKeyDuplicated, ParameterValueNotString,
 * ParameterNumberExceeded, ParameterKeyLenExceeded, ParameterKeyContainsInvalidChar,
 * LackOfParameters. The order is the emulator's choice; the docs give none.
 *
 * <p>Keys the command does not declare are accepted (the docs do not forbid them).
 */
final class InvokeParameters {

    static final int MAX_PARAMETERS = 20;
    static final int MAX_KEY_LENGTH = 64;
    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9_-]+");

    private record Entry(String key, boolean isString) {}

    private InvokeParameters() {}

    /**
     * @param command the command being invoked
     * @param parameters the Parameters text, if the request had one
     * @return the Parameters to record on the invocation, {@code "{}"} when none were given
     */
    static String check(EmulatedCommand command, Optional<String> parameters) {
        if (parameters.isPresent() && !command.enableParameter()) {
            throw error("ParameterDisabled", "Command `" + command.commandId()
                    + "` does not have EnableParameter set, so Parameters cannot be given.");
        }
        List<Entry> entries = parameters.map(InvokeParameters::parse).orElse(List.of());
        Set<String> keys = new HashSet<>();
        for (Entry entry : entries) {
            if (!keys.add(entry.key())) {
                throw error("ParameterKeyDuplicated", "Parameters has the key `" + entry.key() + "` more than once.");
            }
        }
        for (Entry entry : entries) {
            if (!entry.isString()) {
                throw error("ParameterValueNotString", "The value of parameter `" + entry.key() + "` must be a string.");
            }
        }
        if (entries.size() > MAX_PARAMETERS) {
            throw error("ParameterNumberExceeded",
                    "Parameters has " + entries.size() + " keys; at most " + MAX_PARAMETERS + " are allowed.");
        }
        for (Entry entry : entries) {
            if (entry.key().length() > MAX_KEY_LENGTH) {
                throw error("ParameterKeyLenExceeded", "The parameter name `" + entry.key() + "` is longer than "
                        + MAX_KEY_LENGTH + " characters.");
            }
            if (!KEY.matcher(entry.key()).matches()) {
                throw error("ParameterKeyContainsInvalidChar", "The parameter name `" + entry.key()
                        + "` may contain only letters, digits, `-` and `_`.");
            }
        }
        if (command.enableParameter()) {
            for (String declared : command.declaredParameters()) {
                if (!keys.contains(declared) && !command.defaultParameters().containsKey(declared)) {
                    throw error("LackOfParameters", "Parameter `" + declared + "` of command `"
                            + command.commandId() + "` has no default, so Parameters must give it a value.");
                }
            }
        }
        return parameters.orElse("{}");
    }

    /**
     * Reads the top-level keys with a streaming parser, because a tree parser would silently keep
     * only the last of duplicated keys.
     */
    private static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser parser = TatJson.MAPPER.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject(text);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                entries.add(new Entry(key, value == JsonToken.VALUE_STRING));
                parser.skipChildren();
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw notAnObject(text);
            }
        } catch (IOException e) {
            throw notAnObject(text);
        }
        return entries;
    }

    private static TatApiError notAnObject(String text) {
        return error("ParameterInvalidJsonFormat", "Parameters must be a JSON object encoded as a string: " + text);
    }

    private static TatApiError error(String subcode, String message) {
        return new TatApiError("InvalidParameterValue." + subcode, message);
    }
}
