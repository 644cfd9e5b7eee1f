package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.api.AssumeRoleRequest;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.AssumedRoleCredentials;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import io.jenkins.plugins.tat.client.emulator.AdjustableClock;
import io.jenkins.plugins.tat.client.emulator.EmulatedRole;
import io.jenkins.plugins.tat.client.emulator.IssuedKey;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.WatchListener;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link TatClient} signing with a CAM role's temporary key ({@link AssumedRoleCredentials}):
 * every request carries the key of the moment and its token, a wait that outlives one key goes on
 * with the next, a key the API refuses is replaced once, and no temporary key means no request.
 * The emulator and the client read the same adjustable clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class TatClientTemporaryKeyTest extends TatClientTestSupport {

    private static final String ROLE = StsClientTest.ROLE;

    private AdjustableClock clock;

    @BeforeEach
    void shareTheClock() {
        clock = AdjustableClock.at(Instant.now());
        emu.clock(clock).role(EmulatedRole.of(ROLE));
    }

    private AssumedRoleCredentials role(String roleArn, String session, int durationSeconds) {
        StsClient sts = StsClient.of(new ApiKey(SECRET_ID, SECRET_KEY), TatClient.builder().endpoint(emu.endpoint())
                .region(REGION).clock(clock).retryPolicy(FAST_RETRIES).requestTimeout(Duration.ofSeconds(5)));
        return AssumedRoleCredentials.of(sts, AssumeRoleRequest.builder(roleArn, session).durationSeconds(durationSeconds).build());
    }

    private TatClient client(CredentialProvider credentials) {
        return clientBuilder().credentials(credentials).clock(clock).build();
    }

    private List<RecordedRequest> tatRequests() {
        return emu.requests().stream().filter(r -> !"AssumeRole".equals(r.action())).toList();
    }

    @Test
    void everyRequestIsSignedWithTheTemporaryKeyAndCarriesItsToken() throws Exception {
        TatClient client = client(role(ROLE, "jenkins", 3600));

        String id = client.invokeCommand(invokeOn(CVM_1)).invocationId();

        IssuedKey key = emu.issuedKeys().get(0);
        RecordedRequest invoke = tatRequests().get(0);
        assertThat(id).startsWith("inv-");
        assertThat(invoke.headers().get("authorization")).contains("Credential=" + key.secretId() + "/");
        assertThat(invoke.headers().get("x-tc-token")).isNotBlank();
        assertThat(invoke.errorCode()).isNull();
        assertThat(client.keyId()).isEqualTo("role " + ROLE + " via " + SECRET_ID);
    }

    @Test
    void aWaitThatOutlivesOneKeyIsSignedWithTheNextOnesAndNeverRefused() throws Exception {
        // Keys of 15 minutes, renewed after 10; the task runs 40 minutes of the shared clock.
        TatClient client = client(role(ROLE, "jenkins", 900));
        emu.script(CVM_1, TaskScript.success().output("done\n").runningFor(Duration.ofMinutes(40)));
        String id = client.invokeCommand(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(CVM_1)
                .timeout(86400L).build()).invocationId();
        CompletableFuture<WatchResult> waiting = InvocationWatcher.builder(client).initialInterval(Duration.ofMillis(10))
                .maxInterval(Duration.ofMillis(20)).waitTimeout(Duration.ofMinutes(1)).build().watchAsync(id, WatchListener.NONE);

        // A minute of the clock after each request the emulator answered: a request on its way
        // when the clock moves is then at most a minute off the server's clock, well within the
        // five minutes a signature may be.
        advanceAMinuteAfterEachRequestUntil(waiting);
        WatchResult result = waiting.get(10, TimeUnit.SECONDS);

        assertThat(result.allSucceeded()).isTrue();
        List<IssuedKey> keys = emu.issuedKeys();
        assertThat(keys).hasSizeGreaterThanOrEqualTo(4); // 40 minutes, a new key every 10
        Set<String> signers = tatRequests().stream().map(r -> r.headers().get("authorization"))
                .map(a -> a.substring(a.indexOf("Credential=") + 11, a.indexOf('/'))).collect(Collectors.toSet());
        assertThat(signers).hasSizeGreaterThanOrEqualTo(3)
                .isSubsetOf(keys.stream().map(IssuedKey::secretId).collect(Collectors.toSet()));
        assertThat(emu.requests()).allSatisfy(r -> assertThat(r.errorCode()).isNull());
        // Each key was used only while it lived, on the server's clock.
        for (RecordedRequest r : tatRequests()) {
            String signer = r.headers().get("authorization").replaceAll(".*Credential=([^/]+)/.*", "$1");
            IssuedKey key = keys.stream().filter(k -> k.secretId().equals(signer)).findFirst().orElseThrow();
            assertThat(r.receivedAt()).isBefore(key.expiresAt());
        }
    }

    @Test
    void aKeyTheApiRefusesIsReplacedAndTheRequestSentOnceMore() throws Exception {
        TatClient client = client(role(ROLE, "jenkins", 3600));
        client.describeCommands(describeCommands());
        emu.revokeIssuedKeys(); // the session is revoked long before the key's expiry

        String id = client.invokeCommand(invokeOn(CVM_1)).invocationId();

        assertThat(id).startsWith("inv-");
        assertThat(emu.issuedKeys()).hasSize(2);
        assertThat(tatRequests()).extracting(RecordedRequest::errorCode).containsExactly(null, "AuthFailure.TokenFailure", null);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
    }

    @Test
    @Timeout(30)
    void aWaitWhoseKeyIsRevokedGoesOnWithTheNextKey() throws Exception {
        TatClient client = client(role(ROLE, "jenkins", 3600));
        emu.script(CVM_1, TaskScript.success().output("done\n").runningFor(Duration.ofMinutes(1)));
        String id = client.invokeCommand(invokeOn(CVM_1)).invocationId();
        CompletableFuture<WatchResult> waiting = InvocationWatcher.builder(client).initialInterval(Duration.ofMillis(10))
                .maxInterval(Duration.ofMillis(20)).waitTimeout(Duration.ofMinutes(1)).build().watchAsync(id, WatchListener.NONE);
        while (emu.received("DescribeInvocations") < 2) {
            Thread.sleep(1); // until the wait polls with the first key
        }

        emu.revokeIssuedKeys();
        while (tatRequests().stream().noneMatch(r -> "AuthFailure.TokenFailure".equals(r.errorCode()))) {
            Thread.sleep(1); // until a poll was refused
        }
        clock.advance(Duration.ofMinutes(2)); // the task ends
        WatchResult result = waiting.get(10, TimeUnit.SECONDS);

        assertThat(result.allSucceeded()).isTrue();
        assertThat(emu.issuedKeys()).hasSize(2);
        assertThat(tatRequests()).extracting(RecordedRequest::errorCode).filteredOn(c -> c != null)
                .containsOnly("AuthFailure.TokenFailure").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aFixedKeyWithARefusedTokenIsNotSentAgain() {
        emu.account("AKIDfixedSts0001", "fixedStsKey", "fixedToken");
        TatClient client = clientBuilder().credential(new ApiKey("AKIDfixedSts0001", "fixedStsKey", "stale"))
                .build();

        Throwable thrown = catchThrowable(() -> client.describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo("AuthFailure.TokenFailure"));
        assertThat(emu.received("DescribeCommands")).isEqualTo(1);
    }

    @Test
    void withoutATemporaryKeyNothingIsSentToTat() {
        TatClient client = client(role("qcs::cam::uin/100000000001:roleName/gone", "jenkins", 3600));

        Throwable thrown = catchThrowable(() -> client.invokeCommand(invokeOn(CVM_1)));

        assertThat(thrown).isInstanceOfSatisfying(TemporaryKeyException.class, e -> assertThat(e.mayPass()).isFalse());
        assertThat(tatRequests()).isEmpty();
    }

    @Test
    void aWaitWhoseRoleIsGoneEndsWithTheStsError() throws Exception {
        AssumedRoleCredentials role = role(ROLE, "jenkins", 120);
        TatClient client = client(role);
        emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMinutes(30)));
        String id = client.invokeCommand(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(CVM_1)
                .timeout(86400L).build()).invocationId();
        emu.role(EmulatedRole.of(ROLE).trusting("AKIDnobodyElse")); // the role no longer trusts the key
        clock.advance(Duration.ofMinutes(2)); // the key has expired

        CompletableFuture<WatchResult> waiting = InvocationWatcher.builder(client).initialInterval(Duration.ofMillis(10))
                .maxInterval(Duration.ofMillis(20)).waitTimeout(Duration.ofSeconds(30)).build().watchAsync(id, WatchListener.NONE);
        Throwable thrown = catchThrowable(() -> waiting.get(20, TimeUnit.SECONDS));

        assertThat(thrown).hasCauseInstanceOf(TemporaryKeyException.class).hasMessageContaining("UnauthorizedOperation");
    }

    @Test
    void twoSessionsOfOneRoleShareOnePoller() throws Exception {
        // Different providers and keys, the same role and long-term key: one poller, so a round
        // asks for both invocations in one DescribeInvocations.
        TatClient first = client(role(ROLE, "jenkins-a", 3600));
        TatClient second = client(role(ROLE, "jenkins-b", 3600));
        emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMinutes(5)));
        emu.script(CVM_2, TaskScript.success().runningFor(Duration.ofMinutes(5)));
        String a = first.invokeCommand(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(CVM_1)
                .timeout(86400L).build()).invocationId();
        String b = second.invokeCommand(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(CVM_2)
                .timeout(86400L).build()).invocationId();
        CompletableFuture<WatchResult> waitA = InvocationWatcher.builder(first).initialInterval(Duration.ofMillis(10))
                .maxInterval(Duration.ofMillis(20)).waitTimeout(Duration.ofSeconds(30)).build().watchAsync(a, WatchListener.NONE);
        CompletableFuture<WatchResult> waitB = InvocationWatcher.builder(second).initialInterval(Duration.ofMillis(10))
                .maxInterval(Duration.ofMillis(20)).waitTimeout(Duration.ofSeconds(30)).build().watchAsync(b, WatchListener.NONE);
        advanceAMinuteAfterEachRequestUntil(CompletableFuture.allOf(waitA, waitB));

        waitA.get(10, TimeUnit.SECONDS);
        waitB.get(10, TimeUnit.SECONDS);

        assertThat(emu.requests()).filteredOn(r -> "DescribeInvocations".equals(r.action()))
                .anySatisfy(r -> assertThat(r.body()).contains(a).contains(b));
    }

    /**
     * Moves the shared clock a minute each time the emulator has answered another request, until
     * {@code done}: a request signed before a move reaches the server at most a minute late on its
     * clock, whatever the machine's load.
     */
    private void advanceAMinuteAfterEachRequestUntil(CompletableFuture<?> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int answered = emu.requests().size();
        while (!done.isDone() && System.nanoTime() < deadline) {
            int now = emu.requests().size();
            if (now > answered) {
                answered = now;
                clock.advance(Duration.ofMinutes(1));
            }
            Thread.sleep(2);
        }
    }
}
