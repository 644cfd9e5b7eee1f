package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.api.DescribeInvocationsRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every call ends within a bounded time, its attempts, the waits between them and the wait for the
 * rate limit included: at most twice the request timeout, and never past a client's deadline.
 * The servers here are real sockets on loopback that take a request and never answer, or answer
 * too late; the bounds asserted are loose, they tell a call that ends from one that goes on.
 */
class TatClientCallDeadlineTest {

    private static final DescribeInvocationsRequest ANY_PAGE = DescribeInvocationsRequest.builder().build();

    private static TatClient.Builder clientOf(HostileSocket server) {
        return TatClient.builder()
                .credential(new ApiKey("AKIDcallDeadline0001", "callDeadlineKey-MUST-NOT-LEAK"))
                .region("ap-guangzhou")
                .endpoint(server.endpoint())
                .rateLimiter(new RequestRateLimiter(1000, 1000));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDescribeThatGetsNoAnswerEndsWithinTwiceTheRequestTimeoutWithTheStandardRetries() throws Exception {
        try (HostileSocket server = HostileSocket.neverAnswering()) {
            TatClient client = clientOf(server).requestTimeout(Duration.ofSeconds(10))
                    .retryPolicy(RetryPolicy.standard()).build();

            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> client.describeInvocations(ANY_PAGE));
            Duration took = since(start);
            System.out.println("DescribeInvocations against a server that never answers (10 s timeout, standard"
                    + " retries) ended after " + took.toMillis() + " ms: " + thrown.getMessage());

            assertThat(took).isLessThan(Duration.ofSeconds(25)).isGreaterThan(Duration.ofSeconds(19));
            assertThat(thrown).isInstanceOfSatisfying(TatTransportException.class, e -> {
                assertThat(e.action()).isEqualTo("DescribeInvocations");
                assertThat(e.mayHaveReachedServer()).isTrue();
            }).hasMessageContaining("No complete answer from TAT").hasMessageContaining("for DescribeInvocations within")
                    .hasMessageContaining("after 2 attempts, 20 s in all")
                    .hasMessageContaining("DescribeInvocations only reads, so nothing was changed: it is safe to call again");
            assertThat(server.requests()).isEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void moreAttemptsThanTheCallsTimeAllowsAreNotMade() throws Exception {
        try (HostileSocket server = HostileSocket.neverAnswering()) {
            TatClient client = clientOf(server).requestTimeout(Duration.ofMillis(500))
                    .retryPolicy(RetryPolicy.of(5, Duration.ofMillis(10), Duration.ofMillis(20))).build();

            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> client.describeInvocations(ANY_PAGE));

            assertThat(since(start)).isLessThan(Duration.ofSeconds(3));
            assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("after 2 attempts");
            assertThat(server.requests()).isEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerThatAnswersOnlyAfterTheDeadlineEndsTheCallAtTheDeadline() throws Exception {
        try (HostileSocket server = HostileSocket.answeringAfter(Duration.ofSeconds(6))) {
            TatClient client = clientOf(server).requestTimeout(Duration.ofSeconds(60)).retryPolicy(RetryPolicy.standard())
                    .build().withDeadline(Deadline.after(Duration.ofMillis(1500)));

            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> client.describeInvocations(ANY_PAGE));
            Duration took = since(start);

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1400)).isLessThan(Duration.ofMillis(4000));
            assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("No complete answer")
                    .hasMessageContaining("DescribeInvocations");
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLateAnswerWithinTheDeadlineIsRead() throws Exception {
        try (HostileSocket server = HostileSocket.answeringAfter(Duration.ofMillis(300))) {
            TatClient client = clientOf(server).requestTimeout(Duration.ofSeconds(5)).build()
                    .withDeadline(Deadline.after(Duration.ofSeconds(5)));

            assertThat(client.describeInvocations(ANY_PAGE).invocations()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLimiterWithNoPermitLeftGivesUpAtTheDeadlineAndNothingIsSent() throws Exception {
        RequestRateLimiter full = new RequestRateLimiter(1, 60_000);
        full.acquire(); // the only permit, held for the whole test
        try (HostileSocket server = HostileSocket.neverAnswering()) {
            TatClient client = clientOf(server).rateLimiter(full).requestTimeout(Duration.ofSeconds(60)).build()
                    .withDeadline(Deadline.after(Duration.ofSeconds(1)));

            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> client.describeInvocations(ANY_PAGE));
            Duration took = since(start);

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(3));
            assertThat(thrown).isInstanceOfSatisfying(TatTransportException.class,
                    e -> assertThat(e.mayHaveReachedServer()).isFalse())
                    .hasMessageStartingWith("DescribeInvocations was not sent: the rate limit")
                    .hasMessageContaining("no turn within the time allowed for the call (1 s)")
                    .hasMessageContaining("nothing was changed");
            assertThat(server.connections()).isZero();
        } finally {
            full.release();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLimiterWithNoPermitLeftGivesUpWithinTheCallsOwnBoundWithoutADeadline() throws Exception {
        RequestRateLimiter full = new RequestRateLimiter(1, 60_000);
        full.acquire();
        try (HostileSocket server = HostileSocket.neverAnswering()) {
            TatClient client = clientOf(server).rateLimiter(full).requestTimeout(Duration.ofMillis(400))
                    .retryPolicy(RetryPolicy.standard()).build();

            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> client.invokeCommand(
                    io.jenkins.plugins.tat.client.api.InvokeCommandRequest.builder().commandId("cmd-abcd1234")
                            .instanceIds("ins-aaaa0001").build()));

            assertThat(since(start)).isGreaterThanOrEqualTo(Duration.ofMillis(750)).isLessThan(Duration.ofSeconds(3));
            assertThat(thrown).isInstanceOf(TatTransportException.class)
                    .hasMessageStartingWith("InvokeCommand was not sent: the rate limit");
            assertThat(server.connections()).isZero();
        } finally {
            full.release();
        }
    }
}
