package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.tat.client.api.DescribeCommandsResponse;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.WaitTimeoutException;
import io.jenkins.plugins.tat.client.watch.WatchListener;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server or proxy that answers slowly, endlessly, hugely, with a redirect or not at all cannot
 * hold a call past its deadline, make it read without limit, or get a request sent again that must
 * not be. The bounds asserted are loose (several seconds over the deadline): they tell a call that
 * ends from one that hangs, they do not time the client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class TatClientHostileServerTest extends TatClientTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** A hang shows as a test failure, not as a stuck build. */
    private static final Duration HANG = Duration.ofSeconds(30);

    private TatClient client2s() {
        return clientBuilder().requestTimeout(TIMEOUT).build();
    }

    private static Throwable failureWithin(Duration bound, ThrowingCall call) {
        long start = System.nanoTime();
        Throwable thrown = assertTimeoutPreemptively(HANG, () -> catchThrowable(call::run));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).as("the call must fail").isNotNull();
        assertThat(took).as("the call ends by its deadline, give or take").isLessThan(bound);
        return thrown;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aTricklingBodyEndsInvokeCommandAtItsDeadlineAndItIsNotSentAgain() {
        emu.faults().forAction("InvokeCommand").slowBody(Duration.ofMillis(200), 1);

        Throwable thrown = failureWithin(TIMEOUT.plusSeconds(5), () -> client2s().invokeCommand(invokeOn(CVM_1)));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageStartingWith("Outcome unknown")
                .hasMessageContaining("No complete answer from TAT").hasMessageContaining("within 2 s");
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void aTricklingBodyEndsEachAttemptOfADescribeAtTheTimeoutAndTheCallAtTwiceIt() {
        emu.faults().forAction("DescribeCommands").slowBody(Duration.ofMillis(200), 100);

        // 4 attempts allowed, but the call as a whole gets two request timeouts: two attempts.
        Throwable thrown = failureWithin(TIMEOUT.multipliedBy(2).plusSeconds(5),
                () -> client2s().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("No complete answer")
                .hasMessageContaining("after 2 attempts");
        assertThat(emu.received("DescribeCommands")).isEqualTo(2);
    }

    @Test
    void aTricklingBodyEndsTheCallAtItsDeadlineWithAnHttpClientOnAThreadPoolToo() {
        // A caller's own client, on the JDK's default executor: the body is then fed by its pool.
        emu.faults().forAction("DescribeCommands").slowBody(Duration.ofMillis(200), 1);
        TatClient pooled = clientBuilder().requestTimeout(TIMEOUT).retryPolicy(RetryPolicy.never())
                .httpClient(HttpClient.newHttpClient()).build();

        Throwable thrown = failureWithin(TIMEOUT.plusSeconds(5), () -> pooled.describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("No complete answer")
                .hasMessageContaining("within 2 s");
    }

    @Test
    void anEndlessBodyIsCutAtTheLimitWithAnHttpClientOnAThreadPoolToo() {
        emu.faults().forAction("DescribeCommands").endlessBody(100);
        TatClient pooled = clientBuilder().maxResponseBytes(1024 * 1024).httpClient(HttpClient.newHttpClient()).build();

        Throwable thrown = failureWithin(Duration.ofSeconds(15), () -> pooled.describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("larger than 1 MB");
        assertThat(emu.bodyBytesSent()).isLessThan(1024 * 1024 + 16L * 1024 * 1024);
    }

    @Test
    void aSilentServerEndsTheCallAtItsDeadline() {
        emu.faults().forAction("InvokeCommand").noAnswer(1);

        Throwable thrown = failureWithin(TIMEOUT.plusSeconds(5), () -> client2s().invokeCommand(invokeOn(CVM_1)));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageStartingWith("Outcome unknown");
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void noRetryStartsPastTheCallersDeadline() {
        emu.faults().forAction("DescribeCommands").noAnswer(100);
        TatClient slowRetries = clientBuilder().requestTimeout(Duration.ofSeconds(60))
                .retryPolicy(RetryPolicy.of(5, Duration.ofSeconds(1), Duration.ofSeconds(10))).build();

        Throwable thrown = failureWithin(Duration.ofSeconds(8),
                () -> slowRetries.withDeadline(Deadline.after(Duration.ofSeconds(3))).describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class);
        assertThat(emu.received("DescribeCommands")).isBetween(1, 2);
    }

    @Test
    void aCallWhoseDeadlineHasPassedSendsNothing() {
        Deadline passed = Deadline.after(Duration.ZERO);

        Throwable thrown = catchThrowable(() -> client().withDeadline(passed).invokeCommand(invokeOn(CVM_1)));

        assertThat(thrown).isInstanceOfSatisfying(TatTransportException.class,
                e -> assertThat(e.mayHaveReachedServer()).isFalse()).hasMessageContaining("was not sent");
        assertThat(receivedInAll()).isZero();
    }

    @Test
    void anEndlessBodyIsCutAtTheLimitAndNotRetried() {
        emu.faults().forAction("DescribeCommands").endlessBody(100);
        TatClient client = clientBuilder().maxResponseBytes(1024 * 1024).build();

        Throwable thrown = failureWithin(Duration.ofSeconds(15), () -> client.describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("larger than 1 MB")
                .hasMessageContaining("not read");
        assertThat(emu.received("DescribeCommands")).isEqualTo(1);
        // what socket buffers hold beyond the limit, not the endless rest
        assertThat(emu.bodyBytesSent()).isLessThan(1024 * 1024 + 16L * 1024 * 1024);
    }

    @Test
    void aHugeDeclaredBodyIsRefusedWithoutReadingIt() {
        emu.faults().forAction("DescribeCommands").hugeBody(200L * 1024 * 1024, true, 100);

        Throwable thrown = failureWithin(Duration.ofSeconds(15), () -> client().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("larger than 16 MB");
        assertThat(emu.received("DescribeCommands")).isEqualTo(1);
        assertThat(emu.bodyBytesSent()).isLessThan(32L * 1024 * 1024);
    }

    @Test
    void aHugeUndeclaredBodyIsCutAtTheDefaultLimit() {
        emu.faults().forAction("DescribeCommands").hugeBody(200L * 1024 * 1024, false, 100);

        Throwable thrown = failureWithin(Duration.ofSeconds(20), () -> client().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("larger than 16 MB");
        assertThat(emu.bodyBytesSent()).isLessThan(48L * 1024 * 1024);
    }

    @Test
    void anAnswerWithinTheLimitIsRead() throws InterruptedException {
        emu.faults().forAction("DescribeCommands").hugeBody(512 * 1024, false, 1);

        DescribeCommandsResponse page = clientBuilder().maxResponseBytes(1024 * 1024).build().describeCommands(describeCommands());

        assertThat(page.commands()).isEmpty(); // the padded envelope has no CommandSet
    }

    @Test
    void aRedirectIsNeitherFollowedNorRetried() {
        emu.faults().forAction("DescribeCommands").redirect("http://127.0.0.1:1/elsewhere", 100);

        Throwable thrown = catchThrowable(() -> client().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOfSatisfying(TatTransportException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(302);
            assertThat(e.worthRetrying()).isFalse();
        }).hasMessageContaining("HTTP 302").hasMessageContaining("not followed").hasMessageNotContaining("elsewhere");
        assertThat(emu.received("DescribeCommands")).isEqualTo(1);
    }

    @Test
    void anHttp500IsStillRetried() throws InterruptedException {
        emu.faults().forAction("DescribeCommands").http500(2);

        client().describeCommands(describeCommands());

        assertThat(emu.received("DescribeCommands")).isEqualTo(3);
    }

    @Test
    void theWaitTimeoutBoundsAWatchWhosePollsGetNoAnswer() throws InterruptedException {
        emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMinutes(5)));
        TatClient patient = clientBuilder().requestTimeout(Duration.ofSeconds(60))
                .retryPolicy(RetryPolicy.of(5, Duration.ofSeconds(1), Duration.ofSeconds(10))).build();
        String id = patient.invokeCommand(invokeOn(CVM_1)).invocationId();
        emu.faults().forAction("DescribeInvocationTasks").noAnswer(1000);
        InvocationWatcher watcher = InvocationWatcher.builder(patient).initialInterval(Duration.ofMillis(100))
                .maxInterval(Duration.ofMillis(500)).waitTimeout(Duration.ofSeconds(3)).build();

        Throwable thrown = failureWithin(Duration.ofSeconds(10), () -> watcher.watch(id, new WatchListener() {}));

        assertThat(thrown).isInstanceOf(WaitTimeoutException.class).hasMessageContaining("Gave up waiting");
    }
}
