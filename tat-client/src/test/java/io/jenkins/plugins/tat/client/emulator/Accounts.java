package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The API keys the emulated service knows: SecretId to SecretKey and, for STS keys, the token. */
final class Accounts {

    /**
     * A registered key pair; {@code sessionToken} is null for a long-term key. A temporary key
     * issued by AssumeRole also has the role and the instant it expires (server clock); one
     * registered by a test ({@link TatEmulator#account(String, String, String)}) never expires.
     */
    record Account(String secretId, String secretKey, String sessionToken, String roleArn, Instant expiresAt) {

        Account(String secretId, String secretKey, String sessionToken) {
            this(secretId, secretKey, sessionToken, null, null);
        }

        boolean isTemporary() {
            return sessionToken != null;
        }
    }

    private final Map<String, Account> bySecretId = new ConcurrentHashMap<>();

    void add(Account account) {
        bySecretId.put(account.secretId(), account);
    }

    Optional<Account> find(String secretId) {
        return Optional.ofNullable(bySecretId.get(secretId));
    }
}
