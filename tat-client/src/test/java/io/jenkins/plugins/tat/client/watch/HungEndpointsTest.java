package io.jenkins.plugins.tat.client.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.NeverAnsweringServer;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waits against endpoints that accept requests and never answer: a wait ends at its wait timeout
 * while its poll is stuck in a call, and hung endpoints hold up only their own waits. The
 * clients here keep the default request timeout of 60 s, so a stuck call outlasts every wait.
 */
@Timeout(60)
class HungEndpointsTest extends WatcherTestSupport {

    /** A well-formed ID of an invocation that a never-answering endpoint will never show. */
    private static final String UNSEEN = "inv-hung0001";

    /** A client of the test's key and region whose requests may hang for the default 60 s. */
    private static TatClient patientClient(URI endpoint, RequestRateLimiter limiter) {
        return TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY)).region(REGION).endpoint(endpoint)
                .rateLimiter(limiter).build();
    }

    @Test
    void aWaitEndsAtItsTimeoutWhileItsPollIsStuckInACall() throws Exception {
        try (NeverAnsweringServer silent = new NeverAnsweringServer()) {
            InvocationWatcher watcher = InvocationWatcher.builder(patientClient(silent.endpoint(),
                    new RequestRateLimiter(1000, 1000))).waitTimeout(Duration.ofSeconds(5)).build();
            long start = System.nanoTime();

            Throwable thrown = catchThrowable(() -> watcher.watch(UNSEEN, WatchListener.NONE));

            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(silent.connections()).as("the poll reached the endpoint").isPositive();
            assertThat(thrown).isInstanceOf(WaitTimeoutException.class)
                    .hasMessageStartingWith("Gave up waiting for " + UNSEEN + " after 5 s: the invocation has no tasks yet");
            assertThat(took).as("ms until the wait ended").isBetween(5_000L, 15_000L);
        }
    }

    @Test
    void anEndpointThatStopsAnsweringMidWaitStillGetsTheTimeoutThatNamesTheUnfinishedInstances() throws Exception {
        emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMinutes(10)));
        emu.script(CVM_2, TaskScript.success().runningFor(Duration.ofMillis(10)).output("quick\n"));
        String id = invoke(CVM_1, CVM_2);
        InvocationWatcher watcher = InvocationWatcher.builder(patientClient(emu.endpoint(), new RequestRateLimiter(1000, 1000)))
                .initialInterval(INITIAL_INTERVAL).maxInterval(MAX_INTERVAL).waitTimeout(Duration.ofSeconds(3)).build();
        RecordingListener listener = new RecordingListener();

        CompletableFuture<WatchResult> watching = watcher.watchAsync(id, listener);
        awaitCondition(() -> listener.finished.size() == 1);
        emu.faults().noAnswer(1_000); // from now on the endpoint holds every request open
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(watching::get);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("ms after the endpoint went silent")
                .isLessThan(6_000);
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(WaitTimeoutException.class,
                e -> {
                    assertThat(e).hasMessageContaining("1 of 2 tasks had not finished (" + CVM_1 + " RUNNING)");
                    assertThat(e.unfinishedInstances()).containsExactly(CVM_1);
                    assertThat(e.partial().reports()).extracting(TaskReport::instanceId).containsExactly(CVM_2);
                });
    }

    @Test
    void threeHungEndpointsHoldUpOnlyTheirOwnWaits() throws Exception {
        // The healthy endpoint: 100 builds, each waiting for an invocation whose task ends within 1.5 s.
        List<String> healthyIds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String instance = String.format("ins-ok%06d", i);
            emu.instance(EmulatedInstance.cvm(instance));
            emu.script(instance, TaskScript.success().runningFor(Duration.ofMillis(100 + i * 14L)).output(i + "\n"));
            healthyIds.add(emu.createInvocation(COMMAND, List.of(instance)));
        }
        // All endpoints share the key, the region and so the rate limiter, as a controller's would.
        RequestRateLimiter limiter = new RequestRateLimiter(20, 12, 1000);
        List<NeverAnsweringServer> hung = List.of(new NeverAnsweringServer(), new NeverAnsweringServer(),
                new NeverAnsweringServer());
        try {
            List<CompletableFuture<WatchResult>> hungWaits = new ArrayList<>();
            List<Long> hungTimeouts = List.of(8_000L, 9_000L, 10_000L);
            long hungStart = System.nanoTime();
            for (int i = 0; i < hung.size(); i++) {
                InvocationWatcher w = InvocationWatcher.builder(patientClient(hung.get(i).endpoint(), limiter))
                        .initialInterval(INITIAL_INTERVAL).maxInterval(MAX_INTERVAL)
                        .waitTimeout(Duration.ofMillis(hungTimeouts.get(i))).build();
                hungWaits.add(w.watchAsync(UNSEEN, WatchListener.NONE));
            }
            awaitCondition(() -> hung.stream().allMatch(s -> s.connections() > 0)); // every hung poll is stuck now

            InvocationWatcher healthy = InvocationWatcher.builder(patientClient(emu.endpoint(), limiter))
                    .initialInterval(INITIAL_INTERVAL).maxInterval(MAX_INTERVAL).waitTimeout(Duration.ofSeconds(30)).build();
            List<CompletableFuture<WatchResult>> healthyWaits = new ArrayList<>();
            for (String id : healthyIds) {
                healthyWaits.add(healthy.watchAsync(id, WatchListener.NONE));
            }
            CompletableFuture.allOf(healthyWaits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            long healthyDoneAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hungStart);
            assertThat(healthyWaits).allSatisfy(f -> assertThat(f.join().reports()).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(TaskStatus.SUCCESS)));
            assertThat(hungWaits).as("the hung waits go on, their timeouts not reached")
                    .noneMatch(CompletableFuture::isDone);
            assertThat(healthyDoneAt).as("ms until every healthy wait ended").isLessThan(hungTimeouts.get(0));

            for (int i = 0; i < hung.size(); i++) {
                Throwable thrown = catchThrowable(hungWaits.get(i)::get);
                long endedAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hungStart);
                assertThat(thrown).cause().isInstanceOf(WaitTimeoutException.class)
                        .hasMessageContaining("after " + hungTimeouts.get(i) / 1000 + " s");
                assertThat(endedAt).as("ms until hung wait %d ended", i)
                        .isBetween(hungTimeouts.get(i), hungTimeouts.get(i) + 3_000);
            }
        } finally {
            for (NeverAnsweringServer s : hung) {
                s.close();
            }
        }
    }

    @Test
    void aListenerThatBlocksHoldsUpOnlyItsOwnWait() throws Exception {
        emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMillis(10)));
        String id = invoke(CVM_1);
        CountDownLatch release = new CountDownLatch(1);
        WatchListener blocking = new WatchListener() {
            @Override
            public void taskFinished(TaskReport report) {
                try {
                    release.await(); // a build log on a disk that does not answer, say
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (NeverAnsweringServer silent = new NeverAnsweringServer()) {
            CompletableFuture<WatchResult> stuck = InvocationWatcher.builder(client).initialInterval(INITIAL_INTERVAL)
                    .maxInterval(MAX_INTERVAL).waitTimeout(Duration.ofSeconds(1)).build().watchAsync(id, blocking);
            long start = System.nanoTime();
            CompletableFuture<WatchResult> other = InvocationWatcher.builder(patientClient(silent.endpoint(),
                    new RequestRateLimiter(1000, 1000))).waitTimeout(Duration.ofSeconds(2)).build()
                    .watchAsync(UNSEEN, WatchListener.NONE);

            Throwable thrown = catchThrowable(other::get);

            // The stuck wait's timeout came first, while its listener blocked its round: the timer
            // thread did not wait for it, and the other wait ended at its own timeout.
            assertThat(thrown).cause().isInstanceOf(WaitTimeoutException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(2_000L, 5_000L);
            assertThat(stuck).isNotDone();
            release.countDown();
            awaitCondition(stuck::isDone);
        }
    }

    /** Waits (at most 10 s) for a condition another thread brings about. */
    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(1); // polls the condition; not a guess at how long anything takes
        }
    }
}
