package io.jenkins.plugins.tat.client.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deliberately plain TC3-HMAC-SHA256 signer for the emulator's tests, written straight from the
 * steps of docs/dev/protocol.md §2, so tests can build requests the SDK would never send (a tampered body, a
 * wrong scope). Checked against the official example in {@link Tc3SignatureVerifierTest}.
 */
final class TestTc3Signer {

    private TestTc3Signer() {}

    /**
     * @param signedHeaders header name to value, for every header to sign (names in any case)
     * @param scopeDate the credential scope date; normally the UTC date of {@code timestamp}
     * @return the Authorization header value
     */
    static String authorization(String secretId, String secretKey, String service, long timestamp,
            String scopeDate, Map<String, String> signedHeaders, byte[] body) {
        SortedMap<String, String> canonical = new TreeMap<>();
        signedHeaders.forEach((name, value) ->
                canonical.put(name.toLowerCase(Locale.ROOT), value.trim().toLowerCase(Locale.ROOT)));
        StringBuilder canonicalHeaders = new StringBuilder();
        canonical.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedNames = String.join(";", canonical.keySet());
        String canonicalRequest = "POST\n/\n\n" + canonicalHeaders + "\n" + signedNames + "\n" + sha256Hex(body);
        String scope = scopeDate + "/" + service + "/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), scopeDate);
        key = hmac(key, service);
        key = hmac(key, "tc3_request");
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
        return "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope + ", SignedHeaders=" + signedNames
                + ", Signature=" + signature;
    }

    static String utcDate(long timestamp) {
        return DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(timestamp));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
