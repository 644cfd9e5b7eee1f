package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;

/**
 * A parameter a command declares, with its default (docs/dev/protocol.md §4.5).
 *
 * @param name the parameter name
 * @param value the default value
 * @param description what it is for, or {@code ""}
 */
public record DefaultParameterConf(String name, String value, String description) {

    static DefaultParameterConf fromJson(JsonNode node) {
        return new DefaultParameterConf(ApiJson.text(node, "ParameterName"), ApiJson.textOrEmpty(node, "ParameterValue"),
                ApiJson.textOrEmpty(node, "ParameterDescription"));
    }
}
