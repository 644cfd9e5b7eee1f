package io.jenkins.plugins.tat.client.auth;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Tencent Cloud API key: SecretId and SecretKey, and for temporary (STS or CAM role)
 * credentials a session token.
 *
 * <p>The SecretKey and token leave this object only as HMAC key material, as the
 * {@code X-TC-Token} header and through {@link #export()}; {@link #toString()} masks them, and no
 * exception message built by this library contains them. A fixed key is its own
 * {@link CredentialProvider}.
 */
public final class ApiKey implements CredentialProvider {

    private final String secretId;
    private final String secretKey;
    private final String sessionToken;

    /**
     * A long-term API key.
     *
     * @param secretId the SecretId, e.g. {@code AKID...}
     * @param secretKey the SecretKey
     * @throws InvalidRequestException if either is blank or has surrounding white space
     */
    public ApiKey(String secretId, String secretKey) {
        this(secretId, secretKey, null);
    }

    /**
     * A temporary key with its session token.
     *
     * @param secretId the temporary SecretId
     * @param secretKey the temporary SecretKey
     * @param sessionToken the session token sent as {@code X-TC-Token}, or {@code null} for a
     *     long-term key
     * @throws InvalidRequestException if a value is blank or has surrounding white space
     */
    public ApiKey(String secretId, String secretKey, String sessionToken) {
        List<Violation> violations = new ArrayList<>();
        // The codes are what the server would answer for such a key (docs/dev/protocol.md §3.1).
        check("SecretId", secretId, "AuthFailure.SecretIdNotFound", violations);
        check("SecretKey", secretKey, "AuthFailure.SignatureFailure", violations);
        if (sessionToken != null) {
            check("Token", sessionToken, "AuthFailure.TokenFailure", violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Tencent Cloud credential", violations);
        }
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.sessionToken = sessionToken;
    }

    // The messages name the field and never echo the value: it may be a secret.
    private static void check(String field, String value, String errorCode, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is empty; the API key needs a " + field, errorCode));
        } else if (!value.equals(value.strip())) {
            // docs/dev/protocol.md §3.1: white space around a key is a common cause of SecretIdNotFound
            violations.add(new Violation(field,
                    "starts or ends with white space, which Tencent Cloud would reject; remove it", errorCode));
        } else if (!value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            // Tencent Cloud keys and tokens are letters, digits and a few punctuation marks. Anything
            // else could not be sent as a header anyway, and the JDK would quote it in its error.
            violations.add(new Violation(field, "contains a character other than visible ASCII (letters, digits,"
                    + " punctuation); Tencent Cloud keys have none. Copy the " + field + " again", errorCode));
        }
    }

    /** @return the SecretId; it is an identifier, not a secret, and appears in the Authorization header */
    public String secretId() {
        return secretId;
    }

    /**
     * The SecretKey. Hand it only to the signer.
     *
     * @return the SecretKey
     */
    public String secretKey() {
        return secretKey;
    }

    /** @return the session token of a temporary key */
    public Optional<String> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    /**
     * The key's values for a program that signs its own requests, such as {@code tccli} run by a
     * build with the key in its environment. Besides HMAC key material and the {@code X-TC-Token}
     * header, this is the one way the SecretKey and token leave this object; whoever calls it
     * holds secrets and must mask them in logs and keep them out of files.
     *
     * @return the SecretId, SecretKey and, for a temporary key, the token
     */
    public Exported export() {
        return new Exported(secretId, secretKey, sessionToken);
    }

    /**
     * A key's values, handed out by {@link #export()}.
     *
     * @param secretId the SecretId
     * @param secretKey the SecretKey: a secret
     * @param sessionToken the session token of a temporary key, or {@code null}: a secret
     */
    public record Exported(String secretId, String secretKey, String sessionToken) {
        /** @return the values with the secrets masked, as {@link ApiKey#toString()} */
        @Override
        public String toString() {
            return "Exported[secretId=" + mask(secretId) + ", secretKey=****" + (sessionToken != null ? ", token=****" : "")
                    + "]";
        }
    }

    /** @return whether this is a temporary key with a session token */
    public boolean hasSessionToken() {
        return sessionToken != null;
    }

    /** @return this key: a fixed key is its own provider */
    @Override
    public ApiKey current() {
        return this;
    }

    /** @return the SecretId */
    @Override
    public String keyId() {
        return secretId;
    }

    /** @return this key */
    @Override
    public List<ApiKey> inUse() {
        return List.of(this);
    }

    /**
     * A SecretId shortened for logs: the first 4 and last 4 characters.
     *
     * @return for example {@code AKID…MPLE}
     */
    public String maskedSecretId() {
        return mask(secretId);
    }

    /**
     * Shortens a SecretId for lists and logs: the first 4 and last 4 characters.
     *
     * @param secretId a SecretId
     * @return for example {@code AKID…MPLE}; {@code ****} for one of 8 characters or fewer
     */
    public static String mask(String secretId) {
        if (secretId == null || secretId.length() <= 8) {
            return "****";
        }
        return secretId.substring(0, 4) + "…" + secretId.substring(secretId.length() - 4);
    }

    @Override
    public String toString() {
        return "ApiKey[secretId=" + maskedSecretId() + ", secretKey=****"
                + (sessionToken != null ? ", token=****" : "") + "]";
    }
}
