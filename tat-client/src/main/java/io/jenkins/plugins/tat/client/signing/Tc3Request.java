package io.jenkins.plugins.tat.client.signing;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What TC3 signs of an HTTP request: method, canonical URI and query, the headers chosen for
 * signing with the values sent, and the exact body bytes.
 *
 * <p>TAT's API takes {@code POST /} with an empty query string and a JSON body (docs/dev/protocol.md §1),
 * which {@link #post(Map, byte[])} builds.
 */
public final class Tc3Request {

    private final String method;
    private final String canonicalUri;
    private final String canonicalQueryString;
    private final Map<String, String> signedHeaders;
    private final byte[] body;

    private Tc3Request(String method, String canonicalUri, String canonicalQueryString,
            Map<String, String> signedHeaders, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.canonicalUri = Objects.requireNonNull(canonicalUri, "canonicalUri");
        this.canonicalQueryString = Objects.requireNonNull(canonicalQueryString, "canonicalQueryString");
        this.signedHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(signedHeaders));
        this.body = body.clone();
    }

    /**
     * A {@code POST /} request with an empty query string.
     *
     * @param signedHeaders header name to the value sent, for each header to sign; must include
     *     {@code Content-Type} and {@code Host}
     * @param body the exact body bytes that will be sent
     * @return the request to sign
     */
    public static Tc3Request post(Map<String, String> signedHeaders, byte[] body) {
        return new Tc3Request("POST", "/", "", signedHeaders, body);
    }

    /** @return the HTTP method */
    public String method() {
        return method;
    }

    /** @return the canonical URI, {@code /} for TAT */
    public String canonicalUri() {
        return canonicalUri;
    }

    /** @return the canonical query string, empty for POST */
    public String canonicalQueryString() {
        return canonicalQueryString;
    }

    /** @return the headers to sign, name to value as sent */
    public Map<String, String> signedHeaders() {
        return signedHeaders;
    }

    /** @return a copy of the body bytes */
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "Tc3Request[" + method + " " + canonicalUri + ", signedHeaders=" + signedHeaders.keySet()
                + ", body=" + body.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tc3Request other
                && method.equals(other.method)
                && canonicalUri.equals(other.canonicalUri)
                && canonicalQueryString.equals(other.canonicalQueryString)
                && signedHeaders.equals(other.signedHeaders)
                && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, canonicalUri, canonicalQueryString, signedHeaders, Arrays.hashCode(body));
    }
}
