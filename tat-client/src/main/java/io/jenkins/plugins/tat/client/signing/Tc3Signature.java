package io.jenkins.plugins.tat.client.signing;

/**
 * The result of {@link Tc3Signer#sign}, with every intermediate value of the algorithm so that
 * tests can compare each one with the official worked examples.
 *
 * <p>The derived keys ({@code secretDate}, {@code secretService}, {@code secretSigning}) are
 * one-way HMAC outputs scoped to one day and service; they are kept for verification and must
 * not be logged all the same. {@link #toString()} leaves them out.
 *
 * @param hashedRequestPayload lower-case hex SHA-256 of the body
 * @param canonicalRequest the canonical request text
 * @param credentialScope {@code date/service/tc3_request}
 * @param hashedCanonicalRequest lower-case hex SHA-256 of the canonical request
 * @param stringToSign the string to sign
 * @param secretDate hex of the first derived key
 * @param secretService hex of the second derived key
 * @param secretSigning hex of the signing key
 * @param signature the hex signature
 * @param signedHeaders the {@code ;}-joined lower-case names of the signed headers
 * @param authorization the complete {@code Authorization} header value
 */
public record Tc3Signature(
        String hashedRequestPayload,
        String canonicalRequest,
        String credentialScope,
        String hashedCanonicalRequest,
        String stringToSign,
        String secretDate,
        String secretService,
        String secretSigning,
        String signature,
        String signedHeaders,
        String authorization) {

    @Override
    public String toString() {
        return "Tc3Signature[credentialScope=" + credentialScope + ", signedHeaders=" + signedHeaders
                + ", signature=" + signature + "]";
    }
}
