package io.jenkins.plugins.tat.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TatTransportException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link RetryPolicy} on its own: the waits, the limits and the rules (docs/dev/protocol.md §3.1). */
class RetryPolicyTest {

    private static final RetryPolicy POLICY = RetryPolicy.of(10, Duration.ofMillis(100), Duration.ofMillis(1000));
    private static final int SAMPLES = 500;

    private static Set<Long> backoffsMillis(RetryPolicy policy, int attemptsMade) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            seen.add(policy.backoff(attemptsMade).toMillis());
        }
        return seen;
    }

    /** Equal jitter: between half and all of min(max, initial * 2^(attempts-1)). */
    @ParameterizedTest(name = "after {0} attempts: {1} to {2} ms")
    @CsvSource({"1, 50, 100", "2, 100, 200", "3, 200, 400", "4, 400, 800", "5, 500, 1000", "9, 500, 1000"})
    void theWaitDoublesWithEqualJitterUpToTheCap(int attemptsMade, long low, long high) {
        Set<Long> waits = backoffsMillis(POLICY, attemptsMade);

        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(low, high));
        assertThat(waits).as("the random half varies").hasSizeGreaterThan(10);
    }

    @Test
    void theCapHoldsFarBeyondTheLastAttempt() {
        assertThat(backoffsMillis(POLICY, 10_000)).allSatisfy(w -> assertThat(w).isBetween(500L, 1000L));
    }

    @Test
    void anInitialWaitAboveTheCapIsNotPossible() {
        assertThatThrownBy(() -> RetryPolicy.of(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStandardPolicyTriesFiveTimesAndFirstWaitsAtLeastHalfASecond() {
        RetryPolicy standard = RetryPolicy.standard();

        assertThat(standard.maxAttempts()).isEqualTo(5);
        assertThat(backoffsMillis(standard, 1)).allSatisfy(w -> assertThat(w).isBetween(500L, 1000L));
        assertThat(backoffsMillis(standard, 4)).allSatisfy(w -> assertThat(w).isBetween(4000L, 8000L));
        assertThat(standard.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void neverSendsARequestTwice() {
        RetryPolicy never = RetryPolicy.never();
        TatException throttled = new TencentCloudApiException("DescribeCommands", "RequestLimitExceeded", "slow down", "r-1");

        assertThat(never.maxAttempts()).isEqualTo(1);
        assertThat(never.shouldRetry(TatAction.DESCRIBE_COMMANDS, throttled, 1)).isFalse();
        assertThat(never.backoff(1)).isZero();
    }

    @Test
    void stopsAfterMaxAttempts() {
        TatException throttled = new TencentCloudApiException("InvokeCommand", "RequestLimitExceeded", "slow down", "r-1");
        RetryPolicy three = RetryPolicy.of(3, Duration.ZERO, Duration.ZERO);

        assertThat(three.shouldRetry(TatAction.INVOKE_COMMAND, throttled, 1)).isTrue();
        assertThat(three.shouldRetry(TatAction.INVOKE_COMMAND, throttled, 2)).isTrue();
        assertThat(three.shouldRetry(TatAction.INVOKE_COMMAND, throttled, 3)).isFalse();
    }

    @Test
    void ofRefusesFewerThanOneAttempt() {
        assertThatThrownBy(() -> RetryPolicy.of(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    }

    @Test
    void ofRefusesANegativeWait() {
        assertThatThrownBy(() -> RetryPolicy.of(2, Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofRefusesAMissingWait() {
        assertThatThrownBy(() -> RetryPolicy.of(2, null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RetryPolicy.of(2, Duration.ZERO, null)).isInstanceOf(NullPointerException.class);
    }

    // ---- The rules, independent of the numbers ----

    private static TatException apiError(TatAction action, String code) {
        return new TencentCloudApiException(action.apiName(), code, "message", "request-id");
    }

    private static TatException transport(TatAction action) {
        return new TatTransportException(action.apiName(), "connection reset", true, -1, null);
    }

    @ParameterizedTest
    @EnumSource(TatAction.class)
    void requestLimitExceededAndItsSubCodesAreRetryableForEveryAction(TatAction action) {
        for (String code : List.of("RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded",
                "RequestLimitExceeded.IPLimitExceeded", "RequestLimitExceeded.GlobalRegionUinLimitExceeded")) {
            assertThat(RetryPolicy.isRetryable(action, apiError(action, code))).as(code).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TatAction.class)
    void serverTroubleIsRetryableOnlyForReadOnlyActions(TatAction action) {
        // STS's AssumeRole only issues a key: harmless to repeat, like a Describe.
        boolean readOnly = action.apiName().startsWith("Describe") || action == TatAction.ASSUME_ROLE;

        assertThat(RetryPolicy.isRetryable(action, transport(action))).isEqualTo(readOnly);
        assertThat(RetryPolicy.isRetryable(action, apiError(action, "InternalError"))).isEqualTo(readOnly);
        assertThat(RetryPolicy.isRetryable(action, apiError(action, "ServiceUnavailable"))).isEqualTo(readOnly);
    }

    @Test
    void aRoleThatDoesNotExistIsNotRetriedThoughItsCodeIsAnInternalError() {
        assertThat(RetryPolicy.isRetryable(TatAction.ASSUME_ROLE, apiError(TatAction.ASSUME_ROLE, "InternalError.GetRoleError")))
                .isFalse();
        assertThat(RetryPolicy.isRetryable(TatAction.ASSUME_ROLE, apiError(TatAction.ASSUME_ROLE, "InternalError.SystemError")))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(TatAction.class)
    void errorsTheSameRequestWouldGetAgainAreNeverRetryable(TatAction action) {
        for (String code : List.of("AuthFailure.SignatureFailure", "AuthFailure.SignatureExpire", "InvalidParameter",
                "InvalidParameterValue.InvalidInstanceId", "MissingParameter", "ResourceNotFound.CommandNotFound",
                "UnauthorizedOperation.CamAuthFailed", "UnsupportedOperation", "RequestLimitExceededSoon")) {
            assertThat(RetryPolicy.isRetryable(action, apiError(action, code))).as(code).isFalse();
        }
        assertThat(RetryPolicy.isRetryable(action, new InvalidRequestException("request",
                List.of(new Violation("Limit", "is 0", "InvalidParameterValue"))))).isFalse();
    }
}
