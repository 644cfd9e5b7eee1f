package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.FaultKind;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RequestRateLimiter}: the limiter every {@link TatClient} of the JVM shares per SecretId
 * and region, which keeps many builds on one key under TAT's 20 requests per second.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class RequestRateLimiterTest extends TatClientTestSupport {

    /** A SecretId no other test uses, so that this test has the shared limiter to itself. */
    private static final String RATE_ID = "AKIDrateLimiterTest0001";
    private static final String RATE_KEY = "rateLimiterTestKey";

    @Test
    void clientsOfOneKeyAndRegionTogetherStayUnderTheServersLimit() throws Exception {
        emu.account(RATE_ID, RATE_KEY);
        emu.faults().forAction("DescribeCommands").throttlePerSecond(20);
        // Built without .rateLimiter(...): both get the default, shared limiter.
        List<TatClient> clients = List.of(sharedLimiterClient(), sharedLimiterClient());
        int threads = 6;
        int callsPerThread = 10;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            TatClient client = clients.get(t % 2);
            Thread worker = new Thread(() -> {
                try {
                    for (int i = 0; i < callsPerThread; i++) {
                        client.describeCommands(describeCommands());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(failures).isEmpty();
        List<RecordedRequest> received = emu.requests();
        assertThat(received).hasSize(threads * callsPerThread);
        assertThat(received).noneMatch(r -> r.faults().contains(FaultKind.THROTTLED));
        assertThat(mostInOneRollingSecond(received)).isLessThanOrEqualTo(20);
    }

    private TatClient sharedLimiterClient() {
        return TatClient.builder()
                .credential(new ApiKey(RATE_ID, RATE_KEY))
                .region(REGION)
                .endpoint(emu.endpoint())
                .retryPolicy(RetryPolicy.never())
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The largest number of requests that arrived within one second of each other. */
    private static int mostInOneRollingSecond(List<RecordedRequest> requests) {
        List<Instant> times = requests.stream().map(RecordedRequest::receivedAt).sorted().toList();
        int most = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (!times.get(first).plusSeconds(1).isAfter(times.get(last))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    @Test
    void theSameKeyAndRegionShareOneLimiter() {
        assertThat(RequestRateLimiter.shared(RATE_ID, "ap-guangzhou")).isSameAs(RequestRateLimiter.shared(RATE_ID, "ap-guangzhou"));
    }

    @Test
    void anotherRegionGetsAnotherLimiter() {
        assertThat(RequestRateLimiter.shared(RATE_ID, "ap-guangzhou")).isNotSameAs(RequestRateLimiter.shared(RATE_ID, "ap-shanghai"));
    }

    @Test
    void anotherKeyGetsAnotherLimiter() {
        assertThat(RequestRateLimiter.shared(RATE_ID, "ap-guangzhou"))
                .isNotSameAs(RequestRateLimiter.shared(RATE_ID + "2", "ap-guangzhou"));
    }

    @Test
    void admitsThePermitsAtOnceAndMakesTheNextWait() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(3, Duration.ofHours(1).toMillis());
        for (int i = 0; i < 3; i++) {
            limiter.acquire(); // would hang the test if it waited
        }

        Thread fourth = startAcquiring(limiter, new AtomicReference<>());

        awaitCondition(() -> isWaiting(fourth), "the fourth request to wait");
        fourth.interrupt();
        fourth.join();
    }

    @Test
    void aReleasedPermitCountsForOneMoreWindowFromItsRelease() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(1, Duration.ofHours(1).toMillis());
        limiter.acquire();
        limiter.release();

        Thread next = startAcquiring(limiter, new AtomicReference<>());

        awaitCondition(() -> next.getState() == Thread.State.TIMED_WAITING, "the next request to wait for the window");
        next.interrupt();
        next.join();
    }

    /**
     * The server counts a request when it arrives, which may be long after it started: a request
     * still in flight keeps its permit however long it takes, and the window starts at its end.
     */
    @Test
    void aRequestInFlightHoldsItsPermitUntilReleased() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(1, 1);
        limiter.acquire();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread next = startAcquiring(limiter, outcome);
        awaitCondition(() -> next.getState() == Thread.State.WAITING, "the next request to wait for a release");

        limiter.release();
        next.join();

        assertThat(outcome.get()).isNull();
    }

    @Test
    void aWaitWithADeadlineGivesUpAtItAndTakesNoPermit() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(1, Duration.ofHours(1).toMillis());
        limiter.acquire();

        long start = System.nanoTime();
        boolean taken = limiter.acquire(false, Deadline.after(Duration.ofMillis(300)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(taken).isFalse();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThan(Duration.ofSeconds(3));
        limiter.release();
        assertThatThrownBy(limiter::release).as("the refused wait took no permit").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWaitWithADeadlineForAPermitInFlightGivesUpAtItToo() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(1, 1);
        limiter.acquire(true); // in flight: nothing to time the wait by but the deadline

        assertThat(limiter.acquire(true, Deadline.after(Duration.ofMillis(200)))).isFalse();
        limiter.release(true);
        assertThat(limiter.acquire(true, Deadline.after(Duration.ofSeconds(5)))).as("a free permit is taken").isTrue();
        limiter.release(true);
    }

    @Test
    void aWaitingThreadThatIsInterruptedGetsInterruptedException() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(1, Duration.ofHours(1).toMillis());
        limiter.acquire();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = startAcquiring(limiter, outcome);
        awaitCondition(() -> isWaiting(waiter), "the waiter to wait for a permit");

        waiter.interrupt();
        waiter.join();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void pollingKeepsWithinItsShareAndLeavesTheRestToDeployments() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(5, 2, Duration.ofHours(1).toMillis());
        limiter.acquire(true);
        limiter.acquire(true);

        Thread thirdPoll = startAcquiring(limiter, true, new AtomicReference<>());
        awaitCondition(() -> isWaiting(thirdPoll), "the third poll to wait for the polling share");
        for (int i = 0; i < 3; i++) {
            limiter.acquire(false); // deployments still get the other three permits at once
        }

        assertThat(thirdPoll.isAlive()).isTrue();
        thirdPoll.interrupt();
        thirdPoll.join();
    }

    @Test
    void whenThePermitComesBackTheDeploymentGetsItAndThePollsWait() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(1, 1, 200);
        limiter.acquire(true);
        List<Thread> polls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            polls.add(startAcquiring(limiter, true, new AtomicReference<>()));
        }
        for (Thread poll : polls) {
            awaitCondition(() -> isWaiting(poll), "the polls to queue");
        }
        AtomicReference<Throwable> deployOutcome = new AtomicReference<>();
        Thread deployment = startAcquiring(limiter, false, deployOutcome);
        awaitCondition(() -> isWaiting(deployment), "the deployment to wait");

        limiter.release(true); // free again 200 ms from now

        deployment.join(10_000);
        assertThat(deployment.isAlive()).as("the deployment got the permit").isFalse();
        assertThat(deployOutcome.get()).isNull();
        // The deployment holds the permit now, so no poll got one: each is still inside acquire
        // (a thread that got its permit ends).
        assertThat(polls).allMatch(Thread::isAlive);
        polls.forEach(Thread::interrupt);
        for (Thread poll : polls) {
            poll.join();
        }
    }

    // ---- Taking a permit without waiting (a poller that must hold no thread while it waits) ----

    @Test
    @Timeout(30)
    void tryAcquireTakesAFreePermitAndOtherwiseSaysWhenToLookAgain() {
        RequestRateLimiter limiter = new RequestRateLimiter(2, 1, 60_000);

        assertThat(limiter.tryAcquire(true)).as("the polling share's one permit").isTrue();
        assertThat(limiter.tryAcquire(true)).as("a second poll, beyond the share").isFalse();
        assertThat(limiter.untilPermitMayFree(true)).as("nothing ended yet: look again shortly")
                .isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(limiter.tryAcquire(false)).as("a deployment gets the other permit").isTrue();

        limiter.release(true);
        assertThat(limiter.tryAcquire(true)).as("the released permit counts for a window").isFalse();
        assertThat(limiter.untilPermitMayFree(true)).as("when the release leaves the window")
                .isGreaterThan(Duration.ofSeconds(59)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        limiter.release(false);
    }

    @Test
    @Timeout(30)
    void tryAcquireOfAPollGivesWayToAWaitingDeployment() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(1, 1, 60_000);
        limiter.acquire(true);
        AtomicReference<Throwable> deployOutcome = new AtomicReference<>();
        Thread deployment = startAcquiring(limiter, false, deployOutcome);
        awaitCondition(() -> isWaiting(deployment), "the deployment to wait");

        limiter.release(true);

        assertThat(limiter.tryAcquire(true)).as("a poll while the deployment waits").isFalse();
        deployment.interrupt();
        deployment.join();
    }

    @Test
    @Timeout(30)
    void aPermitTakenWithoutWaitingIsReleasedLikeAnyOther() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(1, 1);
        assertThat(limiter.tryAcquire(false)).isTrue();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread next = startAcquiring(limiter, outcome);
        awaitCondition(() -> next.getState() == Thread.State.WAITING, "the next request to wait for a release");

        limiter.release(false);
        next.join();

        assertThat(outcome.get()).isNull();
        assertThatThrownBy(() -> limiter.release(true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReleaseOfTheWrongKindIsAnError() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(2, 1000);
        limiter.acquire(true);

        assertThatThrownBy(() -> limiter.release(false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAPollingShareOutsideThePermits() {
        assertThatThrownBy(() -> new RequestRateLimiter(5, 6, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRateLimiter(5, 0, 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReleaseWithoutAnAcquireIsAnError() {
        assertThatThrownBy(() -> new RequestRateLimiter(1, 1000).release()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new RequestRateLimiter(0, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRateLimiter(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Starts a thread that takes a permit; what acquire() threw, if anything, goes to {@code outcome}. */
    private static Thread startAcquiring(RequestRateLimiter limiter, AtomicReference<Throwable> outcome) {
        return startAcquiring(limiter, false, outcome);
    }

    private static Thread startAcquiring(RequestRateLimiter limiter, boolean polling, AtomicReference<Throwable> outcome) {
        Thread thread = new Thread(() -> {
            try {
                limiter.acquire(polling);
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        thread.start();
        return thread;
    }

    private static boolean isWaiting(Thread thread) {
        return thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING;
    }

    /** Waits (at most 10 s) for a condition another thread brings about. */
    static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1); // a poll of the condition, not a guess at how long it takes
        }
    }
}
