package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.time.Instant;
import java.util.Objects;

/**
 * STS's answer to AssumeRole: the temporary key, with its token, and when it expires (docs/dev/protocol.md
 * §9: {@code Credentials {Token, TmpSecretId, TmpSecretKey}}, {@code ExpiredTime} in Unix seconds).
 * {@link #toString()} masks the key, as {@link ApiKey} does.
 *
 * @param key the temporary key: SecretId, SecretKey and session token
 * @param expiredTime when STS says the key expires, on STS's clock
 * @param requestId the RequestId
 */
public record AssumeRoleResponse(ApiKey key, Instant expiredTime, String requestId) {

    /** Checks the components. */
    public AssumeRoleResponse {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiredTime, "expiredTime");
        if (!key.hasSessionToken()) {
            throw new IllegalArgumentException("a temporary key has a session token");
        }
    }

    /**
     * Reads the answer's {@code Response} object; the secrets are taken as they are (they are
     * never shown), every field is required.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed, never its value
     */
    public static AssumeRoleResponse fromJson(JsonNode response, String requestId) {
        JsonNode credentials = response.get("Credentials");
        if (credentials == null || !credentials.isObject()) {
            throw new IllegalArgumentException("Credentials is missing");
        }
        Long expired = ApiJson.number(response, "ExpiredTime");
        if (expired == null || expired <= 0) {
            throw new IllegalArgumentException("ExpiredTime is missing");
        }
        ApiKey key;
        try {
            key = new ApiKey(ApiJson.rawText(credentials, "TmpSecretId"),
                    ApiJson.rawText(credentials, "TmpSecretKey"), textOrBlank(credentials, "Token"));
        } catch (InvalidRequestException e) {
            // Its message names the field (SecretId, SecretKey, Token) and the rule, never the value.
            throw new IllegalArgumentException(e.getMessage(), null);
        }
        return new AssumeRoleResponse(key, Instant.ofEpochSecond(expired), requestId);
    }

    private static String textOrBlank(JsonNode node, String field) {
        String value = ApiJson.rawText(node, field);
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "AssumeRoleResponse[key=" + key + ", expiredTime=" + expiredTime + ", RequestId=" + requestId + "]";
    }
}
