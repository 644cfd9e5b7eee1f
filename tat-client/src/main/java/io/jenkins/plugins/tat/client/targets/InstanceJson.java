package io.jenkins.plugins.tat.client.targets;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the listings' items; each product names its fields its own way (docs/dev/protocol.md §10). */
final class InstanceJson {

    private InstanceJson() {}

    static ListedInstance cvm(JsonNode node) {
        JsonNode placement = node.path("Placement");
        return new ListedInstance(ApiJson.rawText(node, "InstanceId"), ApiJson.shortTextOrEmpty(node, "InstanceName"),
                ApiJson.shortTextOrEmpty(node, "InstanceState"), orNormal(node, "RestrictState"),
                first(ApiJson.strings(node, "PrivateIpAddresses")),
                placement.isObject() ? ApiJson.shortTextOrEmpty(placement, "Zone") : "", tags(node));
    }

    static ListedInstance lighthouse(JsonNode node) {
        return new ListedInstance(ApiJson.rawText(node, "InstanceId"), ApiJson.shortTextOrEmpty(node, "InstanceName"),
                ApiJson.shortTextOrEmpty(node, "InstanceState"), orNormal(node, "InstanceRestrictState"),
                first(ApiJson.strings(node, "PrivateAddresses")), ApiJson.shortTextOrEmpty(node, "Zone"), tags(node));
    }

    static ListedInstance managed(JsonNode node) {
        return new ListedInstance(ApiJson.rawText(node, "InstanceId"), ApiJson.shortTextOrEmpty(node, "InstanceName"),
                ApiJson.shortTextOrEmpty(node, "Status"), "NORMAL", ApiJson.shortTextOrEmpty(node, "LocalIp"), "",
                tags(node));
    }

    static ScalingGroupMember scaling(JsonNode node) {
        return new ScalingGroupMember(ApiJson.rawText(node, "InstanceId"),
                ApiJson.shortTextOrEmpty(node, "AutoScalingGroupId"), ApiJson.shortTextOrEmpty(node, "LifeCycleState"),
                ApiJson.shortTextOrEmpty(node, "HealthStatus"));
    }

    private static String orNormal(JsonNode node, String field) {
        String value = ApiJson.shortText(node, field);
        return value == null || value.isEmpty() ? "NORMAL" : value;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? "" : values.get(0);
    }

    private static Map<String, String> tags(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : node.path("Tags")) {
            String key = ApiJson.rawText(tag, "Key");
            if (key != null) {
                tags.put(key, java.util.Objects.requireNonNullElse(ApiJson.rawText(tag, "Value"), ""));
            }
        }
        return tags;
    }
}
