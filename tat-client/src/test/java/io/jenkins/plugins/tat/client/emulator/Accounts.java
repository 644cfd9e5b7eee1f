package io.jenkins.plugins.tat.client.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The API keys the emulated service knows: SecretId to SecretKey and, for STS keys, the token. */
final class Accounts {

    /** A registered key pair; {@code sessionToken} is null for a long-term key. */
    record Account(String secretId, String secretKey, String sessionToken) {}

    private final Map<String, Account> bySecretId = new ConcurrentHashMap<>();

    void add(Account account) {
        bySecretId.put(account.secretId(), account);
    }

    Optional<Account> find(String secretId) {
        return Optional.ofNullable(bySecretId.get(secretId));
    }
}
