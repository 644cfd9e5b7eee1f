package io.jenkins.plugins.tat.client.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 request exactly as it arrived on the socket: method, request target, headers in
 * arrival order (names as sent) and the body bytes. The TC3 signature covers the exact body bytes
 * and the received header values (docs/dev/protocol.md §2), so nothing here is normalised.
 */
final class RawHttpRequest {

    /** One header line; {@code name} keeps the sender's spelling. */
    record Header(String name, String value) {}

    private final String method;
    private final String target;
    private final List<Header> headers;
    private final byte[] body;

    RawHttpRequest(String method, String target, List<Header> headers, byte[] body) {
        this.method = method;
        this.target = target;
        this.headers = List.copyOf(headers);
        this.body = body.clone();
    }

    String method() {
        return method;
    }

    /** The request target as sent: origin form ({@code /}) or absolute form ({@code http://host/}). */
    String target() {
        return target;
    }

    /**
     * The path of the target. A client talking through a proxy (the SDK's option B in docs/dev/protocol.md
     * §6) sends the absolute form {@code POST http://tat.tencentcloudapi.com/ HTTP/1.1}; the path
     * of that is {@code /}.
     */
    String path() {
        String pathAndQuery = target;
        int scheme = target.indexOf("://");
        if (!target.startsWith("/") && scheme >= 0) {
            int slash = target.indexOf('/', scheme + 3);
            pathAndQuery = slash < 0 ? "/" : target.substring(slash);
        }
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    /** Whether the target carries a query string ({@code ?...}), which a TAT POST never has. */
    boolean hasQuery() {
        return target.indexOf('?') >= 0;
    }

    List<Header> headers() {
        return headers;
    }

    /**
     * The value of the first header with this name, compared case-insensitively, as HTTP header
     * names are.
     */
    Optional<String> header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return Optional.of(header.value());
            }
        }
        return Optional.empty();
    }

    /** All headers keyed by lower-cased name; a repeated header keeps its first value. */
    Map<String, String> lowerCasedHeaders() {
        Map<String, String> result = new LinkedHashMap<>();
        for (Header header : headers) {
            result.putIfAbsent(header.name().toLowerCase(Locale.ROOT), header.value());
        }
        return Collections.unmodifiableMap(result);
    }

    byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8 (invalid sequences become U+FFFD), for logs and JSON parsing. */
    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
