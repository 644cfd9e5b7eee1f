package io.jenkins.plugins.tat.client.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's TC3-HMAC-SHA256 signature the way the service does, following the
 * "Emulator verification algorithm" of docs/dev/protocol.md §2.2. This is the emulator's own code: it shares
 * nothing with the client under test, so a bug in the client's signer cannot hide behind the same
 * bug here.
 *
 * <p>Error codes (docs/dev/protocol.md §3.1): a header that cannot be parsed is
 * {@code AuthFailure.InvalidAuthorization}; a timestamp more than 300 s from the server clock is
 * {@code AuthFailure.SignatureExpire}; an unknown SecretId is {@code AuthFailure.SecretIdNotFound};
 * anything that makes the recomputed signature differ, including a scope date or service the
 * server would not use, is {@code AuthFailure.SignatureFailure} (the real code for a bad scope is
 * not documented, §2.2); a session token that does not match is {@code AuthFailure.TokenFailure}.
 */
final class Tc3SignatureVerifier {

    static final String ALGORITHM = "TC3-HMAC-SHA256";

    /** "It must be within 5 minutes of server time" (docs/dev/protocol.md §1, X-TC-Timestamp). */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** The product name TAT signs with (docs/dev/protocol.md §2 step 2). */
    static final String SERVICE = "tat";

    // "TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=<list>, Signature=<hex>"
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(\\S+) Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-fA-F]+)");

    /** What a verified request was signed with. */
    record Caller(String secretId, String service) {}

    private final Accounts accounts;

    Tc3SignatureVerifier(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Like {@link #verify(RawHttpRequest, Instant, String)} for TAT, service {@value #SERVICE}. */
    Caller verify(RawHttpRequest request, Instant now) {
        return verify(request, now, SERVICE);
    }

    /**
     * The service a request's credential scope names, without verifying anything; the emulator
     * routes on it (TAT or STS), as a gateway serving both products would.
     *
     * @return the service, or empty if the Authorization header cannot be read
     */
    static Optional<String> scopeService(RawHttpRequest request) {
        return request.header("Authorization").map(a -> AUTHORIZATION.matcher(a.trim())).filter(Matcher::matches)
                .map(m -> m.group(2).split("/", -1)).filter(c -> c.length == 4).map(c -> c[2]);
    }

    /**
     * Verifies {@code request} against the server time {@code now}, for the product whose
     * service name is {@code service} ({@code tat} or {@code sts}).
     *
     * @return the caller whose key signed the request
     * @throws TatApiError with an {@code AuthFailure.*} code when the request is not authentic
     */
    Caller verify(RawHttpRequest request, Instant now, String productService) {
        String authorization = request.header("Authorization")
                .orElseThrow(() -> invalid("the Authorization header is missing"));
        Matcher parts = AUTHORIZATION.matcher(authorization.trim());
        if (!parts.matches()) {
            throw invalid("expected `TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`");
        }
        if (!ALGORITHM.equals(parts.group(1))) {
            throw invalid("algorithm `" + parts.group(1) + "` is not " + ALGORITHM);
        }
        String[] credential = parts.group(2).split("/", -1);
        if (credential.length != 4 || credential[0].isEmpty() || !"tc3_request".equals(credential[3])) {
            throw invalid("Credential must be <SecretId>/<yyyy-MM-dd>/<service>/tc3_request");
        }
        String secretId = credential[0];
        String scopeDate = credential[1];
        String service = credential[2];
        List<String> signedHeaders = List.of(parts.group(3).split(";", -1));
        if (!signedHeaders.contains("content-type") || !signedHeaders.contains("host")) {
            throw invalid("SignedHeaders must include content-type and host");
        }
        String canonicalHeaders = canonicalHeaders(request, signedHeaders);

        long timestamp = timestamp(request);
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (Duration.between(signedAt, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new TatApiError("AuthFailure.SignatureExpire", "X-TC-Timestamp " + timestamp
                    + " is more than 300 seconds away from the server time " + now.getEpochSecond()
                    + "; check the client clock.");
        }

        Accounts.Account account = accounts.find(secretId)
                .orElseThrow(() -> new TatApiError("AuthFailure.SecretIdNotFound",
                        "The SecretId `" + secretId + "` is not found; check it for stray whitespace."));

        String expectedDate = LocalDate.ofInstant(signedAt, ZoneOffset.UTC).toString();
        if (!expectedDate.equals(scopeDate)) {
            throw failure("the credential scope date " + scopeDate + " is not the UTC date "
                    + expectedDate + " of X-TC-Timestamp");
        }
        if (!acceptedServices(request, productService).contains(service)) {
            throw failure("the credential scope service `" + service + "` is neither `" + productService
                    + "` nor the first label of the Host header");
        }

        String canonicalRequest = request.method() + "\n"
                + request.path() + "\n"
                + "\n" // CanonicalQueryString: empty for POST (docs/dev/protocol.md §2 step 1)
                + canonicalHeaders + "\n"
                + String.join(";", signedHeaders) + "\n"
                + sha256Hex(request.body());
        String credentialScope = scopeDate + "/" + service + "/tc3_request";
        String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + credentialScope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] secretDate = hmac(("TC3" + account.secretKey()).getBytes(StandardCharsets.UTF_8), scopeDate);
        byte[] secretService = hmac(secretDate, service);
        byte[] secretSigning = hmac(secretService, "tc3_request");
        byte[] expected = HexFormat.of().formatHex(hmac(secretSigning, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        byte[] received = parts.group(4).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, received)) {
            throw failure("the request signature does not match the one computed by the server");
        }

        checkToken(request, account, now);
        return new Caller(secretId, service);
    }

    /**
     * The services a scope may name: {@code tat}, or what the official Java SDK derives for a
     * custom endpoint, {@code endpoint.split("\\.")[0]} of the Host value: {@code 127} for
     * {@code 127.0.0.1:18080}, {@code localhost:18080} for {@code localhost:18080} (docs/dev/protocol.md §6,
     * "Quirk").
     */
    private static List<String> acceptedServices(RawHttpRequest request, String productService) {
        List<String> services = new ArrayList<>();
        services.add(productService);
        request.header("Host").ifPresent(host -> services.add(host.trim().split("\\.")[0]));
        return services;
    }

    /**
     * One {@code name:value\n} line per signed header, value trimmed and lower-cased, in the order
     * the client listed them (docs/dev/protocol.md §2.2 step 5).
     */
    private static String canonicalHeaders(RawHttpRequest request, List<String> signedHeaders) {
        StringBuilder lines = new StringBuilder();
        for (String name : signedHeaders) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
                throw invalid("SignedHeaders must be lower-case names separated by `;`");
            }
            String value = request.header(name)
                    .orElseThrow(() -> invalid("signed header `" + name + "` was not sent"));
            lines.append(name).append(':').append(value.trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        return lines.toString();
    }

    private static long timestamp(RawHttpRequest request) {
        String value = request.header("X-TC-Timestamp")
                .orElseThrow(() -> new TatApiError("MissingParameter",
                        "The request is missing the required header X-TC-Timestamp."));
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TatApiError("InvalidParameterValue",
                    "X-TC-Timestamp `" + value + "` is not a Unix time in whole seconds.");
        }
    }

    /**
     * A registered session token must come back in X-TC-Token. A token sent with a long-term key
     * is rejected too: the service would try to validate it as an STS token and fail. A temporary
     * key issued by AssumeRole is refused from its expiry on, with the token code as well (§9: a
     * call with an expired key fails with an {@code AuthFailure.*} code; the exact one is not
     * documented).
     */
    private static void checkToken(RawHttpRequest request, Accounts.Account account, Instant now) {
        String sent = request.header("X-TC-Token").filter(t -> !t.isEmpty()).orElse(null);
        String expected = account.sessionToken();
        if (expected == null && sent == null) {
            return;
        }
        if (expected == null) {
            throw new TatApiError("AuthFailure.TokenFailure",
                    "X-TC-Token was sent, but SecretId `" + account.secretId() + "` is a long-term key.");
        }
        boolean matches = sent != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
        if (!matches) {
            throw new TatApiError("AuthFailure.TokenFailure", sent == null
                    ? "SecretId `" + account.secretId() + "` is a temporary key; X-TC-Token is required."
                    : "X-TC-Token does not match the session token of SecretId `" + account.secretId() + "`.");
        }
        if (account.expiresAt() != null && !now.isBefore(account.expiresAt())) {
            throw new TatApiError("AuthFailure.TokenFailure", "The temporary key `" + account.secretId()
                    + "` expired at " + account.expiresAt() + "; ask STS for a new one.");
        }
    }

    private static TatApiError invalid(String why) {
        return new TatApiError("AuthFailure.InvalidAuthorization", "Malformed Authorization: " + why + ".");
    }

    private static TatApiError failure(String why) {
        return new TatApiError("AuthFailure.SignatureFailure", "Signature verification failed: " + why + ".");
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JRE", e);
        }
    }
}
