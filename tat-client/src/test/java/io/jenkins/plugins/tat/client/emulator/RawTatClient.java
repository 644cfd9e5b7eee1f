package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Sends TAT requests to the emulator with {@code java.net.http} pinned to HTTP/1.1 and signed by
 * {@link TestTc3Signer}, with every part open to tampering. Defaults: account AKIDtest,
 * region ap-guangzhou, version 2020-10-28, service tat, timestamp from the emulator clock.
 */
final class RawTatClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TatEmulator emulator;
    private final HttpClient http;

    RawTatClient(TatEmulator emulator) {
        this(emulator, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    RawTatClient(TatEmulator emulator, HttpClient http) {
        this.emulator = emulator;
        this.http = http;
    }

    /** A request to build; every field may be changed before {@link #send}. */
    static final class Call {
        String action;
        byte[] body;
        String secretId = EmulatorTestSupport.SECRET_ID;
        String secretKey = EmulatorTestSupport.SECRET_KEY;
        String service = "tat";
        String contentType = "application/json";
        Long timestamp;
        String scopeDate;
        /** Extra headers; a null value removes a default header (X-TC-Region, X-TC-Version...). */
        final Map<String, String> headers = new LinkedHashMap<>();
        /** Applied to the body after signing, to simulate tampering in transit. */
        UnaryOperator<byte[]> afterSigning = UnaryOperator.identity();
        /** Replaces the computed Authorization header if set. */
        String authorization;
        /** How long the client waits for the response. */
        Duration requestTimeout = Duration.ofSeconds(10);

        Call(String action, String json) {
            this.action = action;
            this.body = json.getBytes(StandardCharsets.UTF_8);
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    /** The HTTP answer with helpers for the TAT envelope. */
    record Reply(int status, String contentType, String body) {
        JsonNode response() {
            try {
                return JSON.readTree(body).get("Response");
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String errorCode() {
            JsonNode error = response().get("Error");
            return error == null ? null : error.get("Code").asText();
        }
    }

    Reply send(String action, String json) throws IOException, InterruptedException {
        return send(new Call(action, json));
    }

    Reply send(Call call) throws IOException, InterruptedException {
        long timestamp = call.timestamp != null ? call.timestamp : emulator.clock().instant().getEpochSecond();
        String host = emulator.hostAndPort(); // what java.net.http sends as Host (docs/dev/protocol.md §2.2)
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", call.contentType);
        headers.put("X-TC-Action", call.action);
        headers.put("X-TC-Version", "2020-10-28");
        headers.put("X-TC-Region", EmulatorTestSupport.REGION);
        headers.put("X-TC-Timestamp", Long.toString(timestamp));
        call.headers.forEach((name, value) -> {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
        });
        String authorization = call.authorization != null ? call.authorization
                : TestTc3Signer.authorization(call.secretId, call.secretKey, call.service, timestamp,
                        call.scopeDate != null ? call.scopeDate : TestTc3Signer.utcDate(timestamp),
                        Map.of("content-type", call.contentType, "host", host), call.body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + "/"))
                .timeout(call.requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.afterSigning.apply(call.body.clone())))
                .header("Authorization", authorization);
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }
}
