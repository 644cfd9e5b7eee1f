package io.jenkins.plugins.tat.client.auth;

import io.jenkins.plugins.tat.client.TemporaryKeyException;
import java.util.List;

/**
 * Where a client gets the key to sign each request with: a fixed API key
 * ({@link ApiKey} is its own provider), or a temporary key for a CAM role that is
 * renewed before it expires ({@link AssumedRoleCredentials}). Implementations are thread-safe.
 */
public interface CredentialProvider {

    /**
     * The key to sign the next request with. It may be renewed here (an STS call), so call it
     * right before signing, once per attempt.
     *
     * @return the key
     * @throws TemporaryKeyException if a temporary key is needed and none could be had
     * @throws InterruptedException if interrupted while renewing
     */
    ApiKey current() throws InterruptedException;

    /**
     * A name for the key that stays the same while a temporary key is renewed: rate limits and
     * shared pollers are per key. Not a secret: a SecretId, or a role ARN with the SecretId that
     * assumes it.
     *
     * @return the name
     */
    String keyId();

    /**
     * Every key whose secrets this provider has handed out and that may still appear in an answer
     * (for a temporary key: the long-term key that asks STS for it, the current one and the one
     * before). For taking secrets out of server text; it never blocks and never renews.
     *
     * @return the keys, current first
     */
    List<ApiKey> inUse();

    /**
     * Tells the provider that the API refused a key it handed out (a temporary key's token expired
     * or was revoked before the expiry it was issued with), so that the next {@link #current()}
     * gets a new one. A fixed key cannot be renewed and ignores this.
     *
     * @param key the key the API refused
     * @return whether the next {@link #current()} will give another key, so that the request is
     *     worth sending again; {@code false} for a fixed key
     */
    default boolean refused(ApiKey key) {
        return false;
    }
}
