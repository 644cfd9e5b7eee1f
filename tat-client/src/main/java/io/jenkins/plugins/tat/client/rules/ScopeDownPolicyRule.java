package io.jenkins.plugins.tat.client.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

/**
 * AssumeRole's {@code Policy}: a CAM policy that narrows what the temporary key may do
 * (docs/dev/protocol.md §9). It must be a JSON object in CAM's policy syntax with a
 * {@code statement}, must not name a {@code principal}, and is sent URL-encoded, as STS asks. Its
 * size is capped at {@value #MAX_CHARACTERS} characters, the most a CAM policy document may have;
 * STS may refuse a shorter one with {@code InvalidParameter.PolicyTooLong} (its own limit is not in
 * the API reference).
 */
public final class ScopeDownPolicyRule {

    /** The longest policy document accepted, in characters. */
    public static final int MAX_CHARACTERS = 6144;

    private ScopeDownPolicyRule() {}

    /**
     * @param policy the policy document, or {@code null} for none
     * @return what is wrong with it, if anything
     */
    public static Optional<Violation> check(String policy) {
        if (policy == null) {
            return Optional.empty();
        }
        if (policy.length() > MAX_CHARACTERS) {
            return Optional.of(new Violation("Policy", "has " + policy.length() + " characters; a policy document has at"
                    + " most " + MAX_CHARACTERS, "InvalidParameter.PolicyTooLong"));
        }
        JsonNode node;
        try {
            node = ApiJson.parse(policy);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return Optional.of(new Violation("Policy", "must be a JSON object in CAM's policy syntax, e.g."
                    + " {\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\",\"action\":[\"tat:*\"],\"resource\":[\"*\"]}]}",
                    "InvalidParameter.StrategyFormatError"));
        }
        if (field(node, "statement") == null) {
            return Optional.of(new Violation("Policy", "has no statement: a policy says what it allows or denies in"
                    + " \"statement\"", "InvalidParameter.StrategyFormatError"));
        }
        if (hasPrincipal(node)) {
            return Optional.of(new Violation("Policy", "must not name a principal: the temporary key is the principal",
                    "InvalidParameter.StrategyFormatError"));
        }
        return Optional.empty();
    }

    /**
     * @param policy a valid policy document
     * @return the form STS takes: URL-encoded, spaces as {@code %20}
     */
    public static String encode(String policy) {
        return URLEncoder.encode(policy, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode field(JsonNode node, String name) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.toLowerCase(Locale.ROOT).equals(name)) {
                return node.get(n);
            }
        }
        return null;
    }

    private static boolean hasPrincipal(JsonNode node) {
        if (node.isObject()) {
            if (field(node, "principal") != null) {
                return true;
            }
            for (JsonNode child : node) {
                if (hasPrincipal(child)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                if (hasPrincipal(child)) {
                    return true;
                }
            }
        }
        return false;
    }
}
