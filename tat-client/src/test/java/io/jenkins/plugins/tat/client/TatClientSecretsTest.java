package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.api.AssumeRoleRequest;
import io.jenkins.plugins.tat.client.api.CancelInvocationRequest;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.AssumedRoleCredentials;
import io.jenkins.plugins.tat.client.emulator.EmulatedRole;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SecretKey and the session token of a temporary key never appear in what a failure shows: its
 * message, its {@code toString()}, or its printed stack trace (causes and suppressed exceptions
 * included); nor in the client's or the credential's {@code toString()}. Every failure path the
 * emulator can provoke is tried with a temporary key, so both secrets are at stake each time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class TatClientSecretsTest extends TatClientTestSupport {

    private static final String STS_ID = "AKIDstsSecretsTest01";
    private static final String STS_KEY = "stsKey-7f3a9c-MUST-NOT-LEAK";
    private static final String STS_TOKEN = "stsToken-b81e44d0-MUST-NOT-LEAK";
    private static final ApiKey STS = new ApiKey(STS_ID, STS_KEY, STS_TOKEN);

    @BeforeEach
    void registerTheTemporaryKey() {
        emu.account(STS_ID, STS_KEY, STS_TOKEN);
    }

    private TatClient stsClient() {
        return clientBuilder().credential(STS).requestTimeout(Duration.ofSeconds(3)).build();
    }

    /** Runs the call, which must fail, and checks every rendering of the failure. */
    private Throwable failureOf(ThrowingCall call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("the call must fail").isNotNull();
        assertHidesSecrets(thrown);
        return thrown;
    }

    private static void assertHidesSecrets(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        for (String rendering : List.of(String.valueOf(thrown.getMessage()), thrown.toString(), trace.toString())) {
            assertThat(rendering).doesNotContain(STS_KEY).doesNotContain(STS_TOKEN);
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void theCredentialAndTheClientDoNotShowTheSecrets() {
        assertThat(STS.toString()).doesNotContain(STS_KEY).doesNotContain(STS_TOKEN).contains("****");
        assertThat(stsClient().toString()).doesNotContain(STS_KEY).doesNotContain(STS_TOKEN);
    }

    @Test
    void anInvalidRequest() {
        Throwable thrown = failureOf(() -> stsClient().invokeCommand(
                InvokeCommandRequest.builder().commandId("deploy").instanceIds(CVM_1).timeout(0).build()));

        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anInvalidCredentialDoesNotEchoItsValues() {
        Throwable thrown = failureOf(() -> new ApiKey(STS_ID, " " + STS_KEY, STS_TOKEN + "\n"));

        assertThat(thrown).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("SecretKey", "Token"));
    }

    @Test
    void anApiError() {
        Throwable thrown = failureOf(() -> stsClient().invokeCommand(
                InvokeCommandRequest.builder().commandId("cmd-zzzz9999").instanceIds(CVM_1).build()));

        assertThat(thrown).isInstanceOf(TencentCloudApiException.class);
    }

    @Test
    void aWrongSessionToken() {
        TatClient wrongToken = clientBuilder().credential(new ApiKey(STS_ID, STS_KEY, "stale-" + STS_TOKEN))
                .build();

        Throwable thrown = failureOf(() -> wrongToken.describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo("AuthFailure.TokenFailure"));
        assertHidesSecrets(thrown);
        assertThat(thrown.toString()).doesNotContain("stale-" + STS_TOKEN);
    }

    @Test
    void aWrongSecretKey() {
        TatClient wrongKey = clientBuilder().credential(new ApiKey(STS_ID, STS_KEY + "x", STS_TOKEN)).build();

        Throwable thrown = failureOf(() -> wrongKey.describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo("AuthFailure.SignatureFailure"));
    }

    @Test
    void http500AfterEveryRetry() {
        emu.faults().http500(100);

        Throwable thrown = failureOf(() -> stsClient().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class);
        assertThat(thrown.getSuppressed()).hasSize(3); // the first 3 of FAST_RETRIES' 4 attempts
    }

    @Test
    void aBodyThatIsNotAnEnvelope() {
        emu.faults().garbageBody(100);

        assertThat(failureOf(() -> stsClient().describeCommands(describeCommands())))
                .isInstanceOf(TatTransportException.class);
    }

    @Test
    void aDroppedConnection() {
        emu.faults().dropBeforeAction(100);

        assertThat(failureOf(() -> stsClient().describeCommands(describeCommands())))
                .isInstanceOf(TatTransportException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void aReadTimeout() {
        emu.faults().forAction("InvokeCommand").delay(Duration.ofSeconds(4));

        assertThat(failureOf(() -> stsClient().invokeCommand(invokeOn(CVM_1))))
                .isInstanceOf(TatTransportException.class).hasMessageStartingWith("Outcome unknown");
    }

    @Test
    void anUnknownOutcome() {
        emu.faults().forAction("InvokeCommand").dropAfterAction(1);

        assertThat(failureOf(() -> stsClient().invokeCommand(invokeOn(CVM_1))))
                .isInstanceOf(TatTransportException.class).hasMessageStartingWith("Outcome unknown");
    }

    @Test
    void anUnknownCancelOutcome() throws Exception {
        emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMinutes(5)));
        String id = stsClient().invokeCommand(invokeOn(CVM_1)).invocationId();
        emu.faults().forAction("CancelInvocation").dropAfterAction(1);

        assertThat(failureOf(() -> stsClient().cancelInvocation(CancelInvocationRequest.of(id))))
                .isInstanceOf(TatTransportException.class).hasMessageStartingWith("Outcome unknown");
    }

    @Test
    void aRefusedConnection() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        TatClient refused = clientBuilder().credential(STS).endpoint(closedPort).build();

        assertThat(failureOf(() -> refused.invokeCommand(invokeOn(CVM_1))))
                .isInstanceOfSatisfying(TatTransportException.class, e -> assertThat(e.mayHaveReachedServer()).isFalse());
    }

    // ---- The service quotes parts of requests back; a message that echoes a secret is redacted ----

    @Test
    void anApiMessageThatEchoesTheSecretsIsRedacted() {
        emu.faults().forAction("InvokeCommand").apiError("InvalidParameterValue",
                "Key `" + STS_KEY + "` and token `" + STS_TOKEN + "` are not valid here.", 1);

        Throwable thrown = failureOf(() -> stsClient().invokeCommand(invokeOn(CVM_1)));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class, e -> {
            assertThat(e.apiMessage()).isEqualTo("Key `****` and token `****` are not valid here.");
            assertThat(e.getMessage()).contains("Key `****` and token `****`");
        });
    }

    @Test
    void echoedSecretsAreRedactedInSuppressedFailuresToo() {
        emu.faults().forAction("DescribeCommands").apiError("InternalError", "Backend saw " + STS_KEY + "/" + STS_TOKEN, 100);

        Throwable thrown = failureOf(() -> stsClient().describeCommands(describeCommands()));

        assertThat(thrown.getSuppressed()).hasSize(3) // the first 3 of FAST_RETRIES' 4 attempts
                .allSatisfy(s -> assertThat(s).hasMessageContaining("Backend saw ****/****"));
    }
    // ---- A CAM role's temporary keys: neither they nor the key that assumes the role show ----

    private static final String ROLE = "qcs::cam::uin/100000000001:roleName/secrets-test";

    private AssumedRoleCredentials role() {
        emu.role(EmulatedRole.of(ROLE));
        StsClient sts = StsClient.of(new ApiKey(SECRET_ID, SECRET_KEY), TatClient.builder().endpoint(emu.endpoint())
                .region(REGION).retryPolicy(FAST_RETRIES).requestTimeout(Duration.ofSeconds(1)));
        return AssumedRoleCredentials.of(sts, AssumeRoleRequest.builder(ROLE, "jenkins").build());
    }

    /** Every rendering is free of the long-term SecretKey and of each given secret. */
    private static void assertHides(Object shown, String... secrets) {
        List<String> renderings = new ArrayList<>(List.of(String.valueOf(shown)));
        if (shown instanceof Throwable thrown) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            renderings.add(trace.toString());
            renderings.add(String.valueOf(thrown.getMessage()));
        }
        for (String rendering : renderings) {
            assertThat(rendering).doesNotContain(SECRET_KEY);
            for (String secret : secrets) {
                assertThat(rendering).doesNotContain(secret);
            }
        }
    }

    @Test
    void theRoleItsKeysAndTheirClientDoNotShowTheSecrets() throws Exception {
        AssumedRoleCredentials role = role();
        ApiKey.Exported key = role.current().export();
        TatClient client = clientBuilder().credentials(role).build();

        for (Object shown : List.of(role, role.current(), key, client)) {
            assertHides(shown, key.secretKey(), key.sessionToken());
        }
    }

    @Test
    void aServerThatEchoesTheTemporaryKeyHasItRedactedAsWellAsTheKeyThatAssumedTheRole() throws Exception {
        AssumedRoleCredentials role = role();
        ApiKey.Exported key = role.current().export();
        emu.faults().forAction("DescribeCommands").apiError("InvalidParameter",
                "saw " + key.secretKey() + " " + key.sessionToken() + " " + SECRET_KEY, 1);

        Throwable thrown = catchThrowable(() -> clientBuilder().credentials(role).build().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class,
                e -> assertThat(e.apiMessage()).isEqualTo("saw **** **** ****"));
        assertHides(thrown, key.secretKey(), key.sessionToken());
    }

    @Test
    void aFailedAssumeRoleShowsNeitherKey() {
        AssumedRoleCredentials role = role();
        emu.faults().forAction("AssumeRole").apiError("InternalError.SystemError", "cannot sign with " + SECRET_KEY, 100);

        Throwable thrown = catchThrowable(role::current);

        assertThat(thrown).isInstanceOf(TemporaryKeyException.class).hasMessageContaining("cannot sign with ****");
        assertHides(thrown);
    }

    @Test
    void anAssumeRoleAnswerThatCannotBeUsedDoesNotQuoteTheKeyInIt() {
        AssumedRoleCredentials role = role();
        String tmpKey = "tmpKeyInAnUnusableAnswer-MUST-NOT-LEAK";
        String token = "tokenInAnUnusableAnswer-MUST-NOT-LEAK";
        emu.faults().forAction("AssumeRole").answer("{\"Response\":{\"Credentials\":{\"TmpSecretId\":\"AKIDtmp1\","
                + "\"TmpSecretKey\":\"" + tmpKey + "\",\"Token\":\"" + token + "\"},"
                + "\"RequestId\":\"5f0b8c3e-1d2a-4b6c-8e9f-0a1b2c3d4e5f\"}}", 100);

        Throwable thrown = catchThrowable(role::current);

        assertThat(thrown).isInstanceOf(TemporaryKeyException.class).hasMessageContaining("cannot be used");
        assertHides(thrown, tmpKey, token);
    }
}
