package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One request the emulator received, for assertions in tests.
 *
 * @param action the X-TC-Action header, or null if it was missing
 * @param receivedAt when it arrived, on the emulator clock
 * @param headers every header, keyed by lower-cased name (the first value of a repeated header)
 * @param body the body decoded as UTF-8
 * @param errorCode the error code answered, or null for a success and for responses without a
 *     JSON envelope (dropped connection, HTTP 500, garbage body)
 * @param faults the injected faults that struck this request; empty for a normal request
 */
public record RecordedRequest(
        String action,
        Instant receivedAt,
        Map<String, String> headers,
        String body,
        String errorCode,
        Set<FaultKind> faults) {

    /** Copies the maps. */
    public RecordedRequest {
        headers = Map.copyOf(headers);
        faults = Set.copyOf(faults);
    }

    /**
     * @return the service the request was signed for (its credential scope's), e.g. {@code tat},
     *     {@code cvm}, {@code as}; empty if it had no readable Authorization header
     */
    public String service() {
        String authorization = headers.getOrDefault("authorization", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/tc3_request")
                .matcher(authorization);
        return m.find() ? m.group(1) : "";
    }
}
