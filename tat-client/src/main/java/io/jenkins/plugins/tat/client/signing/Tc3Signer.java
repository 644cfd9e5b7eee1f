package io.jenkins.plugins.tat.client.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes TC3-HMAC-SHA256 signatures.
 *
 * <p>The signer is a pure function: the same {@link Tc3Request}, secret key and timestamp always
 * give the same {@link Tc3Signature}. It never sees the network and never logs. Callers must sign
 * the exact body bytes they send and the header values exactly as they go on the wire (for
 * {@code host}: the URI authority {@code java.net.http} sends, including a non-default port).
 *
 * <p>The algorithm (docs/dev/protocol.md §2):
 * <ol>
 *   <li>CanonicalRequest = {@code POST \n / \n \n CanonicalHeaders \n SignedHeaders \n hex(sha256(body))},
 *       where each canonical header line is the lower-cased, trimmed name and value, sorted by name;</li>
 *   <li>StringToSign = {@code TC3-HMAC-SHA256 \n timestamp \n date/service/tc3_request \n hex(sha256(CanonicalRequest))},
 *       with {@code date} the <em>UTC</em> date of the timestamp;</li>
 *   <li>the signing key is HMAC-chained from {@code "TC3" + SecretKey} over date, service and
 *       {@code tc3_request}; the signature is the hex HMAC of StringToSign.</li>
 * </ol>
 */
public final class Tc3Signer {

    /** The algorithm name that starts the Authorization header and the string to sign. */
    public static final String ALGORITHM = "TC3-HMAC-SHA256";

    private static final String TERMINATOR = "tc3_request";
    private static final DateTimeFormatter SCOPE_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Tc3Signer() {}

    /**
     * Signs a request.
     *
     * @param request the method, path, headers to sign and body bytes
     * @param service the product's service name for the credential scope, {@code tat} for TAT
     * @param secretId the SecretId, which appears in clear in the Authorization header
     * @param secretKey the SecretKey; used only as HMAC key material, never returned
     * @param timestampSeconds the value sent as {@code X-TC-Timestamp}
     * @return the signature with every intermediate value
     */
    public static Tc3Signature sign(
            Tc3Request request, String service, String secretId, String secretKey, long timestampSeconds) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(secretKey, "secretKey");

        Map<String, String> canonical = new TreeMap<>();
        request.signedHeaders().forEach((name, value) -> canonical.put(
                name.trim().toLowerCase(Locale.ROOT), value.trim().toLowerCase(Locale.ROOT)));
        if (!canonical.containsKey("content-type") || !canonical.containsKey("host")) {
            throw new IllegalArgumentException("TC3 requires content-type and host among the signed headers");
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        canonical.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", canonical.keySet());

        String hashedPayload = sha256Hex(request.body());
        String canonicalRequest = request.method() + "\n"
                + request.canonicalUri() + "\n"
                + request.canonicalQueryString() + "\n"
                + canonicalHeaders + "\n"
                + signedHeaders + "\n"
                + hashedPayload;

        String date = scopeDate(timestampSeconds);
        String credentialScope = date + "/" + service + "/" + TERMINATOR;
        String hashedCanonicalRequest = sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        String stringToSign = ALGORITHM + "\n" + timestampSeconds + "\n" + credentialScope + "\n" + hashedCanonicalRequest;

        byte[] secretDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = hmac(secretDate, service);
        byte[] secretSigning = hmac(secretService, TERMINATOR);
        String signature = HexFormat.of().formatHex(hmac(secretSigning, stringToSign));

        String authorization = ALGORITHM + " Credential=" + secretId + "/" + credentialScope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        return new Tc3Signature(hashedPayload, canonicalRequest, credentialScope, hashedCanonicalRequest,
                stringToSign, HexFormat.of().formatHex(secretDate), HexFormat.of().formatHex(secretService),
                HexFormat.of().formatHex(secretSigning), signature, signedHeaders, authorization);
    }

    /**
     * The credential-scope date for a timestamp: its date in UTC, whatever the local zone.
     * (The official doc's example: 1551113065 is 2019-02-26 in UTC+8 but the scope says 2019-02-25.)
     *
     * @param timestampSeconds Unix time in seconds
     * @return {@code yyyy-MM-dd} in UTC
     */
    public static String scopeDate(long timestampSeconds) {
        return SCOPE_DATE.format(Instant.ofEpochSecond(timestampSeconds));
    }

    /**
     * Lower-case hex SHA-256.
     *
     * @param bytes the input
     * @return 64 hex characters
     */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }
}
