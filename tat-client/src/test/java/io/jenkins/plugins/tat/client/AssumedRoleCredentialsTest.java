package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.StsClient;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.TemporaryKeyException;
import io.jenkins.plugins.tat.client.api.AssumeRoleRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.AssumedRoleCredentials;
import io.jenkins.plugins.tat.client.emulator.AdjustableClock;
import io.jenkins.plugins.tat.client.emulator.EmulatedRole;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AssumedRoleCredentials}: one temporary key until its renewal time, then the next; what
 * happens when renewing fails. The emulator and the client read the same adjustable clock, so a
 * key's hours pass in an instant.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class AssumedRoleCredentialsTest extends TatClientTestSupport {

    private static final String ROLE = StsClientTest.ROLE;

    private AdjustableClock clock;

    @BeforeEach
    void shareTheClock() {
        clock = AdjustableClock.at(Instant.now());
        emu.clock(clock).role(EmulatedRole.of(ROLE));
    }

    private StsClient sts(String secretKey) {
        return StsClient.of(new ApiKey(SECRET_ID, secretKey), TatClient.builder().endpoint(emu.endpoint()).region(REGION)
                .clock(clock).retryPolicy(FAST_RETRIES).requestTimeout(Duration.ofSeconds(5)));
    }

    private AssumedRoleCredentials provider(Integer durationSeconds) {
        return AssumedRoleCredentials.of(sts(SECRET_KEY),
                AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(durationSeconds).build());
    }

    @Test
    void aKeyIsAskedForWhenFirstNeededAndServesUntilFiveMinutesBeforeItExpires() throws Exception {
        AssumedRoleCredentials role = provider(3600);
        assertThat(emu.issuedKeys()).isEmpty();

        ApiKey first = role.current();
        clock.advance(Duration.ofMinutes(54).plusSeconds(59));
        ApiKey stillFirst = role.current();
        clock.advance(Duration.ofSeconds(1));
        ApiKey second = role.current();

        assertThat(first.hasSessionToken()).isTrue();
        assertThat(stillFirst).isSameAs(first);
        assertThat(second).isNotSameAs(first);
        assertThat(second.secretId()).isNotEqualTo(first.secretId());
        assertThat(emu.issuedKeys()).hasSize(2);
        assertThat(emu.received("AssumeRole")).isEqualTo(2);
    }

    @Test
    void aShortLivedKeyIsRenewedAtHalfItsLife() throws Exception {
        AssumedRoleCredentials role = provider(120);

        ApiKey first = role.current();
        clock.advance(Duration.ofSeconds(59));
        assertThat(role.current()).isSameAs(first);
        clock.advance(Duration.ofSeconds(1));

        assertThat(role.current()).isNotSameAs(first);
    }

    @Test
    void withoutADurationTheKeyLivesStsDefaultOfTwoHours() throws Exception {
        AssumedRoleCredentials role = provider(null);

        ApiKey first = role.current();
        clock.advance(Duration.ofMinutes(114).plusSeconds(59));
        assertThat(role.current()).isSameAs(first);
        clock.advance(Duration.ofSeconds(1));

        assertThat(role.current()).isNotSameAs(first);
        assertThat(emu.issuedKeys().get(0).expiresAt().getEpochSecond())
                .isEqualTo(emu.issuedKeys().get(0).issuedAt().getEpochSecond() + 7200);
    }

    @Test
    void whileTheKeyLivesAFailedRenewalKeepsItAndIsTriedAgainHalfAMinuteLater() throws Exception {
        AssumedRoleCredentials role = provider(900);
        ApiKey first = role.current();
        emu.faults().forAction("AssumeRole").http500(100);

        clock.advance(Duration.ofMinutes(11)); // past the renewal time (10 min), before the expiry (15 min)
        ApiKey kept = role.current();
        int asked = emu.received("AssumeRole");
        clock.advance(Duration.ofSeconds(29));
        role.current();
        int askedWithinHalfAMinute = emu.received("AssumeRole");
        clock.advance(Duration.ofSeconds(1));
        role.current();

        assertThat(kept).isSameAs(first);
        assertThat(askedWithinHalfAMinute).isEqualTo(asked);
        assertThat(emu.received("AssumeRole")).isGreaterThan(asked);
    }

    @Test
    void onceTheKeyExpiredAFailedRenewalIsReported() throws Exception {
        AssumedRoleCredentials role = provider(900);
        role.current();
        emu.faults().forAction("AssumeRole").http500(100);
        clock.advance(Duration.ofMinutes(15));

        Throwable thrown = catchThrowable(role::current);

        assertThat(thrown).isInstanceOfSatisfying(TemporaryKeyException.class, e -> {
            assertThat(e.mayPass()).isTrue();
            assertThat(e.getMessage()).startsWith("Could not get a temporary key for CAM role " + ROLE + " from STS at ");
            assertThat(e.getCause()).isInstanceOf(TatTransportException.class);
        });
    }

    @Test
    void aRoleThatDoesNotExistIsATemporaryKeyFailureThatWillNotPass() {
        AssumedRoleCredentials missing = AssumedRoleCredentials.of(sts(SECRET_KEY),
                AssumeRoleRequest.builder("qcs::cam::uin/100000000001:roleName/gone", "jenkins").build());

        Throwable thrown = catchThrowable(missing::current);

        assertThat(thrown).isInstanceOfSatisfying(TemporaryKeyException.class, e -> {
            assertThat(e.mayPass()).isFalse();
            assertThat(e.getMessage()).contains("InternalError.GetRoleError: role not exist");
        });
    }

    @Test
    void aRefusedKeyIsReplacedAtTheNextCall() throws Exception {
        AssumedRoleCredentials role = provider(3600);
        ApiKey first = role.current();

        assertThat(role.refused(first)).isTrue();
        ApiKey next = role.current();

        assertThat(next).isNotSameAs(first);
        assertThat(role.inUse()).containsExactly(next, first, role.inUse().get(2));
    }

    @Test
    void inUseListsTheCurrentKeyThePreviousOneAndTheKeyThatAssumesTheRole() throws Exception {
        AssumedRoleCredentials role = provider(120);
        assertThat(role.inUse()).extracting(ApiKey::secretId).containsExactly(SECRET_ID);

        ApiKey first = role.current();
        clock.advance(Duration.ofMinutes(1));
        ApiKey second = role.current();
        clock.advance(Duration.ofMinutes(1));
        ApiKey third = role.current();

        assertThat(role.inUse()).hasSize(3).startsWith(third, second).doesNotContain(first);
        assertThat(role.inUse().get(2).secretId()).isEqualTo(SECRET_ID);
    }

    @Test
    void theKeyIdStaysTheSameAcrossRenewals() throws Exception {
        AssumedRoleCredentials role = provider(120);
        String before = role.keyId();
        role.current();
        clock.advance(Duration.ofMinutes(1));
        role.current();

        assertThat(role.keyId()).isEqualTo(before).isEqualTo("role " + ROLE + " via " + SECRET_ID);
    }

    @Test
    void oneSharedProviderPerRoleSessionAndKey() {
        AssumeRoleRequest session = AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(900).build();

        AssumedRoleCredentials a = AssumedRoleCredentials.shared(sts(SECRET_KEY), session);
        AssumedRoleCredentials b = AssumedRoleCredentials.shared(sts(SECRET_KEY),
                AssumeRoleRequest.builder(ROLE, "jenkins").durationSeconds(900).build());
        AssumedRoleCredentials otherSession = AssumedRoleCredentials.shared(sts(SECRET_KEY),
                AssumeRoleRequest.builder(ROLE, "nightly").durationSeconds(900).build());
        AssumedRoleCredentials changedSecretKey = AssumedRoleCredentials.shared(sts("rotated-" + SECRET_KEY), session);

        assertThat(b).isSameAs(a);
        assertThat(otherSession).isNotSameAs(a);
        assertThat(changedSecretKey).isNotSameAs(a);
    }

    @Test
    void anInvalidSessionIsRefusedBeforeAnythingIsSent() {
        Throwable thrown = catchThrowable(() -> AssumedRoleCredentials.of(sts(SECRET_KEY),
                AssumeRoleRequest.builder(ROLE, "j").durationSeconds(99999).build()));

        assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasMessageContaining("RoleSessionName")
                .hasMessageContaining("DurationSeconds");
        assertThat(receivedInAll()).isZero();
    }
}
