package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.api.CancelInvocationRequest;
import io.jenkins.plugins.tat.client.api.DescribeCommandsResponse;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsRequest;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsResponse;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedInvocation;
import io.jenkins.plugins.tat.client.emulator.EmulatorFaults;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of {@link RetryPolicy}, as the emulator sees it: how many requests arrived
 * ({@code received}) and how many took effect ({@code executed}). The client makes 4 attempts at
 * most (the first and 3 retries), 10 to 40 ms apart ({@link TatClientTestSupport#FAST_RETRIES}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class TatClientRetryTest extends TatClientTestSupport {

    // ---- RequestLimitExceeded: refused, not executed, so safe to send again for every action ----

    @Test
    void requestLimitExceededIsRetriedForInvokeCommand() throws Exception {
        emu.faults().forAction("InvokeCommand").requestLimitExceeded(2);

        String id = client().invokeCommand(invokeOn(CVM_1)).invocationId();

        assertThat(emu.received("InvokeCommand")).isEqualTo(3);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
        assertThat(emu.invocations()).extracting(EmulatedInvocation::invocationId).containsExactly(id);
    }

    @Test
    void requestLimitExceededIsRetriedForADescribe() throws Exception {
        emu.faults().forAction("DescribeCommands").requestLimitExceeded(2);

        DescribeCommandsResponse response = client().describeCommands(describeCommands());

        assertThat(response.totalCount()).isEqualTo(2);
        assertThat(emu.received("DescribeCommands")).isEqualTo(3);
    }

    @Test
    @Timeout(30)
    void aClientWhoseCallerHoldsThePermitTakesNoneAndMakesOneAttempt() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(1, 1, 60_000);
        TatClient client = clientBuilder().rateLimiter(limiter).build().withPermitFromCaller();
        assertThat(limiter.tryAcquire(true)).isTrue(); // the caller's permit: the only one there is

        DescribeCommandsResponse response = client.describeCommands(describeCommands()); // would wait forever for a permit

        assertThat(response.totalCount()).isEqualTo(2);
        emu.faults().forAction("DescribeCommands").requestLimitExceeded(1);
        Throwable thrown = catchThrowable(() -> client.describeCommands(describeCommands()));
        assertThat(thrown).as("not retried: a retry would need a permit of its own")
                .isInstanceOfSatisfying(TencentCloudApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("RequestLimitExceeded"));
        assertThat(emu.received("DescribeCommands")).isEqualTo(2);
        limiter.release(true);
        assertThat(client.rateLimiter()).isSameAs(limiter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RequestLimitExceeded.UinLimitExceeded", "RequestLimitExceeded.IPLimitExceeded",
            "RequestLimitExceeded.GlobalRegionUinLimitExceeded"})
    void aRequestLimitSubCodeIsRetriedForInvokeCommand(String subCode) throws Exception {
        emu.faults().forAction("InvokeCommand").apiError(subCode, 2);

        client().invokeCommand(invokeOn(CVM_1));

        assertThat(emu.received("InvokeCommand")).isEqualTo(3);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheApisLastError() {
        emu.faults().forAction("DescribeCommands").requestLimitExceeded(100);

        Throwable thrown = catchThrowable(() -> client().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("RequestLimitExceeded");
            assertThat(e.requestId()).isNotBlank();
        });
        assertThat(emu.received("DescribeCommands")).isEqualTo(4); // every attempt of FAST_RETRIES
    }

    @Test
    void earlierFailuresAreAttachedAsSuppressed() {
        emu.faults().forAction("DescribeCommands").http500(1).garbageBody(1).dropBeforeAction(1).requestLimitExceeded(1);

        Throwable thrown = catchThrowable(() -> client().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TencentCloudApiException.class);
        assertThat(thrown.getSuppressed()).hasSize(3);
        assertThat(thrown.getSuppressed()[0]).isInstanceOfSatisfying(TatTransportException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(500));
        assertThat(thrown.getSuppressed()[1]).isInstanceOfSatisfying(TatTransportException.class,
                e -> assertThat(e.getMessage()).contains("not a TAT response"));
        assertThat(thrown.getSuppressed()[2]).isInstanceOfSatisfying(TatTransportException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(-1));
        assertThat(emu.received("DescribeCommands")).isEqualTo(4);
    }

    // ---- Server trouble: retried for Describe*, never for InvokeCommand or CancelInvocation ----

    /** Failures after which the request may or may not have been processed. */
    enum ServerTrouble {
        HTTP_500(f -> f.http500(1)),
        GARBAGE_BODY(f -> f.garbageBody(1)),
        INTERNAL_ERROR(f -> f.apiError("InternalError", 1)),
        SERVICE_UNAVAILABLE(f -> f.apiError("ServiceUnavailable", 1)),
        DROPPED_CONNECTION(f -> f.dropBeforeAction(1)),
        READ_TIMEOUT(f -> f.delay(Duration.ofSeconds(4)));

        final Consumer<EmulatorFaults> arm;

        ServerTrouble(Consumer<EmulatorFaults> arm) {
            this.arm = arm;
        }

        boolean isApiError() {
            return this == INTERNAL_ERROR || this == SERVICE_UNAVAILABLE;
        }
    }

    /** A read timeout of 1 s, shorter than the 4 s READ_TIMEOUT delay and far above a loopback answer. */
    private TatClient impatientClient() {
        return clientBuilder().requestTimeout(Duration.ofSeconds(1)).build();
    }

    @ParameterizedTest
    @EnumSource(ServerTrouble.class)
    void serverTroubleIsRetriedForADescribe(ServerTrouble trouble) throws Exception {
        trouble.arm.accept(emu.faults().forAction("DescribeInvocations"));

        DescribeInvocationsResponse response = impatientClient().describeInvocations(
                DescribeInvocationsRequest.builder().build());

        assertThat(response.totalCount()).isZero();
        assertThat(emu.received("DescribeInvocations")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(ServerTrouble.class)
    void serverTroubleIsNotRetriedForInvokeCommand(ServerTrouble trouble) {
        trouble.arm.accept(emu.faults().forAction("InvokeCommand"));

        Throwable thrown = catchThrowable(() -> impatientClient().invokeCommand(invokeOn(CVM_1)));

        if (trouble.isApiError()) {
            assertThat(thrown).isInstanceOf(TencentCloudApiException.class).hasMessageContaining(trouble == ServerTrouble.INTERNAL_ERROR
                    ? "InternalError" : "ServiceUnavailable");
        } else {
            assertThat(thrown).isInstanceOfSatisfying(TatTransportException.class,
                    e -> assertThat(e.mayHaveReachedServer()).isTrue()).hasMessageStartingWith("Outcome unknown");
        }
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ServerTrouble.class)
    void serverTroubleIsNotRetriedForCancelInvocation(ServerTrouble trouble) throws Exception {
        emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMinutes(5)));
        String id = client().invokeCommand(invokeOn(CVM_1)).invocationId();
        trouble.arm.accept(emu.faults().forAction("CancelInvocation"));

        Throwable thrown = catchThrowable(() -> impatientClient().cancelInvocation(CancelInvocationRequest.of(id)));

        assertThat(thrown).isInstanceOfAny(TencentCloudApiException.class, TatTransportException.class);
        if (!trouble.isApiError()) {
            assertThat(thrown).hasMessageStartingWith("Outcome unknown").hasMessageContaining("invocation-id=" + id);
        }
        assertThat(emu.received("CancelInvocation")).isEqualTo(1);
    }

    @Test
    void aReadTimeoutSaysHowLongTheClientWaited() {
        emu.faults().forAction("InvokeCommand").delay(Duration.ofSeconds(4));
        TatClient client = clientBuilder().requestTimeout(Duration.ofMillis(1500)).build();

        Throwable thrown = catchThrowable(() -> client.invokeCommand(invokeOn(CVM_1)));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("No complete answer from TAT")
                .hasMessageContaining("within 1500 ms");
    }

    @Test
    void anInvokeCommandLostAfterItRanIsNotSentAgainAndSaysHowToCheck() {
        emu.faults().forAction("InvokeCommand").dropAfterAction(1);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Throwable thrown = catchThrowable(() -> client().invokeCommand(invokeOn(CVM_1)));

        Instant after = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
        assertThat(emu.invocations()).hasSize(1);
        assertThat(thrown).isInstanceOfSatisfying(TatTransportException.class, e -> {
            assertThat(e.mayHaveReachedServer()).isTrue();
            assertThat(e.action()).isEqualTo("InvokeCommand");
            assertThat(e.getMessage()).startsWith("Outcome unknown")
                    .contains("DescribeInvocations")
                    .contains("command-id=" + COMMAND)
                    .containsAnyOf("created at about " + before, "created at about " + after)
                    .contains("in region " + REGION);
        });
    }

    @Test
    void aRefusedConnectionSaysTheRequestDidNotReachTheServer() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } // closed: connecting is refused

        Throwable thrown = catchThrowable(() -> clientBuilder().endpoint(closedPort).build().invokeCommand(invokeOn(CVM_1)));

        assertThat(thrown).isInstanceOfSatisfying(TatTransportException.class, e -> {
            assertThat(e.mayHaveReachedServer()).isFalse();
            assertThat(e.getMessage()).contains("did not reach the server").doesNotContain("Outcome unknown");
        });
    }

    // ---- Errors that the same request would get again: never retried ----

    @Test
    void aWrongSecretKeyIsNotRetried() {
        TatClient wrongKey = clientBuilder().credential(new ApiKey(SECRET_ID, "not-the-secret-key")).build();

        Throwable thrown = catchThrowable(() -> wrongKey.describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo("AuthFailure.SignatureFailure"));
        assertThat(emu.received("DescribeCommands")).isEqualTo(1);
    }

    @Test
    void aClientClockTenMinutesOffIsNotRetried() {
        TatClient skewed = clientBuilder().clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10))).build();

        Throwable thrown = catchThrowable(() -> skewed.describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo("AuthFailure.SignatureExpire"));
        assertThat(emu.received("DescribeCommands")).isEqualTo(1);
    }

    @Test
    void anUnknownCommandIsNotRetried() {
        Throwable thrown = catchThrowable(() -> client().invokeCommand(
                InvokeCommandRequest.builder().commandId("cmd-zzzz9999").instanceIds(CVM_1).build()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo("ResourceNotFound.CommandNotFound"));
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UnauthorizedOperation.CamAuthFailed", "InvalidParameterValue", "InvalidParameter",
            "MissingParameter", "ResourceNotFound.InvocationNotFound", "AuthFailure.UnauthorizedOperation",
            "AuthFailure.TokenFailure", "ResourceUnavailable.AgentStatusNotOnline", "UnsupportedOperation"})
    void anErrorTheSameRequestWouldGetAgainIsNotRetriedEvenForADescribe(String code) {
        emu.faults().forAction("DescribeInvocations").apiError(code, 1);

        Throwable thrown = catchThrowable(() -> client().describeInvocations(DescribeInvocationsRequest.builder().build()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
        assertThat(emu.received("DescribeInvocations")).isEqualTo(1);
    }

    @Test
    void anInvalidRequestIsNeitherSentNorRetried() {
        Throwable thrown = catchThrowable(() -> client().describeInvocations(
                DescribeInvocationsRequest.builder().invocationIds(List.of("not-an-id")).build()));

        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        assertThat(receivedInAll()).isZero();
    }
}
