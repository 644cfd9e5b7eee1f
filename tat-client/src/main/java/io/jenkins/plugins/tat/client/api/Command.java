package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.rules.ParameterPlaceholders;
import io.jenkins.plugins.tat.client.text.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A saved command as DescribeCommands returns it (docs/dev/protocol.md §4.5).
 *
 * @param commandId the command, {@code cmd-xxxxxxxx}
 * @param commandName its name
 * @param description its description
 * @param commandType {@code SHELL}, {@code POWERSHELL} or {@code BAT}
 * @param enableParameter whether it takes custom parameters
 * @param defaultParameters the default parameter values (decoded from the JSON-encoded string)
 * @param defaultParameterConfs the declared parameters with defaults and descriptions
 * @param workingDirectory the default working directory
 * @param timeout the default timeout in seconds, when given
 * @param username the default user
 * @param createdBy {@code TAT} (public command) or {@code USER}
 * @param createdTime when it was created, or {@code null}
 * @param updatedTime when it was last changed, or {@code null}
 * @param contentParameters the parameter names the command's content uses as {@code {{name}}} or
 *     {@code {{tat-hidden:name}}} ({@link ParameterPlaceholders}), or {@code null} when the content
 *     was not in the answer or could not be read; the content itself is not kept, as it may hold a secret
 */
public record Command(
        String commandId,
        String commandName,
        String description,
        String commandType,
        boolean enableParameter,
        Map<String, String> defaultParameters,
        List<DefaultParameterConf> defaultParameterConfs,
        String workingDirectory,
        Long timeout,
        String username,
        String createdBy,
        Instant createdTime,
        Instant updatedTime,
        Set<String> contentParameters) {

    /**
     * @param commandId the command
     * @param commandName the name
     * @param description the description
     * @param commandType the type
     * @param enableParameter whether parameters are enabled
     * @param defaultParameters the defaults
     * @param defaultParameterConfs the declared parameters
     * @param workingDirectory the directory
     * @param timeout the timeout
     * @param username the user
     * @param createdBy who created it
     * @param createdTime creation time
     * @param updatedTime update time
     * @param contentParameters the placeholders' names, or {@code null} if unknown
     */
    public Command {
        defaultParameters = Collections.unmodifiableMap(new LinkedHashMap<>(defaultParameters));
        defaultParameterConfs = List.copyOf(defaultParameterConfs);
        contentParameters = contentParameters == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(contentParameters));
    }

    /**
     * The parameters the command declares with their defaults: the {@code DefaultParameterConfs}
     * when the command has them, else the {@code DefaultParameters}.
     *
     * @return name to default value, in declaration order
     */
    public Map<String, String> parameterDefaults() {
        if (defaultParameterConfs.isEmpty()) {
            return defaultParameters;
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        defaultParameterConfs.forEach(conf -> defaults.put(conf.name(), conf.value()));
        return Collections.unmodifiableMap(defaults);
    }

    static Command fromJson(JsonNode node) {
        return new Command(
                ApiJson.text(node, "CommandId"),
                ApiJson.shortTextOrEmpty(node, "CommandName"),
                ApiJson.shortTextOrEmpty(node, "Description"),
                ApiJson.shortText(node, "CommandType"),
                ApiJson.bool(node, "EnableParameter"),
                decodeDefaults(ApiJson.rawText(node, "DefaultParameters")),
                ApiJson.list(node, "DefaultParameterConfs", DefaultParameterConf::fromJson),
                ApiJson.text(node, "WorkingDirectory"),
                ApiJson.number(node, "Timeout"),
                ApiJson.text(node, "Username"),
                ApiJson.text(node, "CreatedBy"),
                ApiJson.time(node, "CreatedTime"),
                ApiJson.time(node, "UpdatedTime"),
                placeholdersOf(ApiJson.rawText(node, "Content")));
    }

    /** The names the base64 content uses; only names are kept (made visible like any server text). */
    private static Set<String> placeholdersOf(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return null;
        }
        try {
            String script = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            Set<String> names = new LinkedHashSet<>();
            ParameterPlaceholders.of(script).names().forEach(n -> names.add(Texts.serverText(n)));
            return names;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // DefaultParameters is a JSON-encoded string; an unreadable one is shown as no defaults
    // rather than failing the whole DescribeCommands call.
    private static Map<String, String> decodeDefaults(String json) {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return defaults;
        }
        try {
            JsonNode node = ApiJson.parse(json);
            if (node.isObject()) {
                // Shown in "Check command": names and values made visible like any server text.
                node.properties().forEach(e -> defaults.put(Texts.serverText(e.getKey()),
                        Texts.serverText(e.getValue().asText())));
            }
        } catch (IOException e) {
            return defaults;
        }
        return defaults;
    }
}
