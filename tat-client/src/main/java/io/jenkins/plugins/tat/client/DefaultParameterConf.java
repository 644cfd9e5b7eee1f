package io.jenkins.plugins.tat.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parameter a command declares, with its default (tat-api.md §4.5).
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
