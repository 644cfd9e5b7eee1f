package io.jenkins.plugins.tat.client.auth;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.StsClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TemporaryKeyException;
import io.jenkins.plugins.tat.client.api.AssumeRoleRequest;
import io.jenkins.plugins.tat.client.api.AssumeRoleResponse;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The temporary key of a CAM role, asked from STS (AssumeRole) when first needed and renewed
 * before it expires, for as long as requests need it: a wait that outlives one key is signed with
 * the next one. Thread-safe; one renewal at a time, the other callers waiting for its key.
 *
 * <p><b>When a key is renewed.</b> A key's life is measured on this JVM's clock from the moment
 * AssumeRole was sent, for the duration STS granted: the one asked for, or less if STS's
 * {@code ExpiredTime} says so. Measured that way, a controller clock that differs from Tencent
 * Cloud's does not make a key look younger than it is. The key is renewed once less than
 * {@link #RENEWAL_MARGIN} (5 minutes) of that life is left, or less than half of it for a key
 * issued for under 10 minutes, so that a short-lived key is not renewed on every call. Five
 * minutes because a key must outlast the request signed with it: an attempt may take its whole
 * request timeout (60 s by default) and be retried; and it is the margin of the official Java
 * SDK's own renewing credentials ({@code STSCredential}, {@code CvmRoleCredential}: renewed when
 * less than 300 s of {@code ExpiredTime} are left). The source says nothing on the margin
 * (docs/dev/protocol.md §9); this is the choice.
 *
 * <p><b>When renewing fails.</b> While the current key has life left, it goes on being used and
 * renewing is tried again at most every {@link #RETRY_AFTER_FAILURE}; once it expired, the
 * failure is reported ({@link TemporaryKeyException}). A key the API refuses before its expiry
 * (a revoked session, a clock that jumped) is dropped at once ({@link #refused}) and the next
 * request gets a new one.
 *
 * <p><b>Secrets.</b> The keys are held in memory only. {@link #inUse()} lists the long-term key,
 * the current temporary key and the one before it, so that a client takes all of their secrets
 * out of any text from outside.
 */
public final class AssumedRoleCredentials implements CredentialProvider {

    /** A key is renewed once less than this of its life is left (see the class comment). */
    public static final Duration RENEWAL_MARGIN = Duration.ofMinutes(5);
    /** How soon renewing is tried again after it failed while the current key still lives. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private static final Logger LOGGER = Logger.getLogger(AssumedRoleCredentials.class.getName());
    /** One provider per role session, long-term key and STS endpoint in this JVM (see {@link #shared}). */
    private static final Map<String, AssumedRoleCredentials> SHARED = new ConcurrentHashMap<>();

    private final StsClient sts;
    private final AssumeRoleRequest request;
    private final Clock clock;
    private final Object renewal = new Object();
    private volatile Issued current;
    private volatile ApiKey previous;
    /** Not before this may a renewal be tried again after one failed; guarded by {@link #renewal}. */
    private Instant retryAfter = Instant.MIN;

    /** A temporary key and the times, on this JVM's clock, to renew it and when it expires. */
    private record Issued(ApiKey key, Instant renewAt, Instant expiresAt) {}

    private AssumedRoleCredentials(StsClient sts, AssumeRoleRequest request) {
        List<Violation> violations = request.validate();
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("AssumeRole request", violations);
        }
        this.sts = sts;
        this.request = request;
        this.clock = sts.clock();
    }

    /**
     * A provider of its own, with no key yet.
     *
     * @param sts the STS client, with the long-term key that assumes the role
     * @param request the role and session
     * @return the provider
     * @throws InvalidRequestException if the request breaks a rule of §9
     */
    public static AssumedRoleCredentials of(StsClient sts, AssumeRoleRequest request) {
        return new AssumedRoleCredentials(sts, request);
    }

    /**
     * The provider every caller of this JVM shares for the same role session, long-term key (its
     * SecretId and SecretKey: a changed SecretKey gets a provider of its own) and STS endpoint, so
     * that a thousand builds using the role ask STS for one key, not a thousand.
     *
     * @param sts the STS client, with the long-term key that assumes the role
     * @param request the role and session
     * @return the shared provider
     * @throws InvalidRequestException if the request breaks a rule of §9
     */
    public static AssumedRoleCredentials shared(StsClient sts, AssumeRoleRequest request) {
        String key = sts.endpoint() + "\n" + sts.secretId() + "\n" + sha256(sts.key().secretKey()) + "\n"
                + request.roleArn() + "\n" + request.roleSessionName() + "\n" + request.durationSeconds() + "\n"
                + (request.externalId() == null ? "" : sha256(request.externalId()));
        AssumedRoleCredentials found = SHARED.get(key);
        if (found == null) {
            AssumedRoleCredentials made = new AssumedRoleCredentials(sts, request); // validates first
            found = SHARED.computeIfAbsent(key, k -> made);
        }
        return found;
    }

    /** @return the role */
    public String roleArn() {
        return request.roleArn();
    }

    /**
     * The current temporary key, renewed first if less than its margin of life is left.
     *
     * @throws TemporaryKeyException if there is no key with life left and STS gave none
     */
    @Override
    public ApiKey current() throws InterruptedException {
        Issued known = current;
        if (known != null && clock.instant().isBefore(known.renewAt())) {
            return known.key();
        }
        synchronized (renewal) {
            known = current;
            Instant now = clock.instant();
            if (known != null && now.isBefore(known.renewAt())) {
                return known.key(); // another thread renewed it meanwhile
            }
            boolean alive = known != null && now.isBefore(known.expiresAt());
            if (alive && now.isBefore(retryAfter)) {
                return known.key();
            }
            try {
                Issued fresh = issue();
                if (known != null) {
                    previous = known.key();
                }
                current = fresh;
                return fresh.key();
            } catch (TatException e) {
                TemporaryKeyException failure = new TemporaryKeyException(request.roleArn(), sts.endpoint().toString(), e);
                if (!alive) {
                    throw failure;
                }
                retryAfter = clock.instant().plus(RETRY_AFTER_FAILURE);
                LOGGER.log(Level.FINE, "Could not renew the temporary key; the current one lives until {0}: {1}",
                        new Object[] {known.expiresAt(), failure.getMessage()});
                return known.key();
            }
        }
    }

    private Issued issue() throws InterruptedException {
        Instant askedAt = clock.instant();
        AssumeRoleResponse answer = sts.assumeRole(request);
        Duration asked = Duration.ofSeconds(request.effectiveDurationSeconds());
        Duration granted = Duration.between(askedAt, answer.expiredTime());
        Duration life = granted.compareTo(asked) < 0 ? granted : asked;
        if (life.compareTo(Duration.ofSeconds(1)) < 0) {
            life = Duration.ofSeconds(1); // an ExpiredTime behind this clock: renewed at the next call
        }
        Duration margin = life.dividedBy(2).compareTo(RENEWAL_MARGIN) < 0 ? life.dividedBy(2) : RENEWAL_MARGIN;
        Instant expiresAt = askedAt.plus(life);
        return new Issued(answer.key(), expiresAt.minus(margin), expiresAt);
    }

    /**
     * Drops the key if it is the current one: the next {@link #current()} asks STS for a new one.
     *
     * @return {@code true}: the next key is a new one, or one another caller got meanwhile
     */
    @Override
    public boolean refused(ApiKey key) {
        synchronized (renewal) {
            Issued known = current;
            if (known != null && known.key() == key) {
                previous = key;
                current = null;
                retryAfter = Instant.MIN;
            }
            return true;
        }
    }

    /** @return {@code role <RoleArn> via <SecretId>}: the same for every temporary key of the role */
    @Override
    public String keyId() {
        return "role " + request.roleArn() + " via " + sts.secretId();
    }

    @Override
    public List<ApiKey> inUse() {
        List<ApiKey> keys = new ArrayList<>(3);
        Issued known = current;
        ApiKey before = previous;
        if (known != null) {
            keys.add(known.key());
        }
        if (before != null) {
            keys.add(before);
        }
        keys.add(sts.key());
        return keys;
    }

    @Override
    public String toString() {
        return "AssumedRoleCredentials[" + request + ", via " + sts.key().maskedSecretId() + "]";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
