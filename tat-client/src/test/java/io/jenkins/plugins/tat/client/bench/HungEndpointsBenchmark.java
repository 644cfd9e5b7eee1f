package io.jenkins.plugins.tat.client.bench;

import static io.jenkins.plugins.tat.client.bench.BenchStats.mostInOneSecond;
import static io.jenkins.plugins.tat.client.bench.BenchStats.nonEmulatorThreads;
import static io.jenkins.plugins.tat.client.bench.BenchStats.percentiles;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.FaultKind;
import io.jenkins.plugins.tat.client.emulator.NeverAnsweringServer;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.TaskReport;
import io.jenkins.plugins.tat.client.watch.WatchListener;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Three endpoints that accept requests and never answer, beside a healthy one (the emulator, with
 * TAT's limit of 20 requests per second per action) where 100 builds wait for invocations whose
 * one task ends 10 to 20 s after it was created. Every client uses the same key and region, so
 * they share the rate limiter, as a controller's would; the default intervals (1 s to 3 s) and
 * request timeout (60 s). Prints how late the healthy waits noticed each task's end (p50 / p90 /
 * max), when they were all done, the threads added, and whether the hung waits were still
 * waiting (they must be: their endpoints never answered).
 *
 * <p>Run (see CONTRIBUTING.md): {@code ./mvnw -f tat-client/pom.xml test-compile exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath io.jenkins.plugins.tat.client.bench.HungEndpointsBenchmark"}
 */
public final class HungEndpointsBenchmark {

    private static final String SECRET_ID = "AKIDhungEndpointBench1";
    private static final String SECRET_KEY = "hungEndpointBenchKey";
    private static final String REGION = "ap-guangzhou";
    private static final String COMMAND = "cmd-hung0001";
    private static final int HEALTHY_WAITS = 100;
    private static final int HUNG_ENDPOINTS = 3;

    private HungEndpointsBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<NeverAnsweringServer> hung = new ArrayList<>();
        try (TatEmulator emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY)) {
            for (int i = 0; i < HUNG_ENDPOINTS; i++) {
                hung.add(new NeverAnsweringServer());
            }
            run(emu, hung);
        } finally {
            for (NeverAnsweringServer s : hung) {
                s.close();
            }
        }
        System.exit(0);
    }

    private static TatClient client(URI endpoint) {
        // No .rateLimiter(...): the shared limiter of this key and region, as in Jenkins.
        return TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY)).region(REGION).endpoint(endpoint).build();
    }

    private static void run(TatEmulator emu, List<NeverAnsweringServer> hung) throws Exception {
        emu.command(EmulatedCommand.builder(COMMAND).name("bench").content("sleep 15").timeout(600).build());
        emu.faults().throttlePerSecond(20);
        System.gc();
        int threadsBefore = nonEmulatorThreads();

        // The hung endpoints first, so that their polls are stuck when the healthy waits begin.
        List<CompletableFuture<WatchResult>> hungWaits = new ArrayList<>();
        for (int i = 0; i < hung.size(); i++) {
            InvocationWatcher w = InvocationWatcher.builder(client(hung.get(i).endpoint()))
                    .waitTimeout(Duration.ofMinutes(10)).build();
            hungWaits.add(w.watchAsync(String.format("inv-hung%04d", i), WatchListener.NONE));
        }
        while (hung.stream().anyMatch(s -> s.connections() == 0)) {
            Thread.sleep(10);
        }

        Map<String, Instant> expectedEnd = new ConcurrentHashMap<>();
        List<String> invocations = new ArrayList<>();
        for (int i = 0; i < HEALTHY_WAITS; i++) {
            String instance = String.format("ins-healthy%03d", i);
            emu.instance(EmulatedInstance.cvm(instance));
            Duration runs = Duration.ofMillis(10_000 + i * 10_000L / HEALTHY_WAITS);
            emu.script(instance, TaskScript.success().runningFor(runs).output("done " + i + "\n"));
            Instant created = Instant.now();
            invocations.add(emu.createInvocation(COMMAND, List.of(instance)));
            expectedEnd.put(instance, created.plus(runs));
        }
        List<Long> noticeMillis = new CopyOnWriteArrayList<>();
        WatchListener listener = new WatchListener() {
            @Override
            public void taskFinished(TaskReport report) {
                noticeMillis.add(Duration.between(expectedEnd.get(report.instanceId()), Instant.now()).toMillis());
            }
        };
        InvocationWatcher healthy = InvocationWatcher.builder(client(emu.endpoint())).waitTimeout(Duration.ofMinutes(10))
                .build();
        long start = System.nanoTime();
        List<CompletableFuture<WatchResult>> futures = new ArrayList<>();
        for (String id : invocations) {
            futures.add(healthy.watchAsync(id, listener));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        double tookSeconds = (System.nanoTime() - start) / 1e9;
        int threadsAfter = nonEmulatorThreads();
        long stillWaiting = hungWaits.stream().filter(f -> !f.isDone()).count();
        long succeeded = futures.stream().filter(f -> f.join().allSucceeded()).count();
        List<RecordedRequest> requests = emu.requests();
        long throttled = requests.stream().filter(r -> r.faults().contains(FaultKind.THROTTLED)).count();
        System.out.printf("%d healthy waits beside %d hung endpoints, done in %.1f s: %d succeeded; healthy task end noticed"
                + " after: %s%n", HEALTHY_WAITS, hung.size(), tookSeconds, succeeded, percentiles(noticeMillis));
        System.out.printf("  hung waits still waiting %d of %d (connections %s); threads added %d; most requests in any"
                + " 1 s %d, throttled %d%n", stillWaiting, hungWaits.size(),
                hung.stream().map(s -> Integer.toString(s.connections())).toList(), threadsAfter - threadsBefore,
                mostInOneSecond(requests), throttled);
        hungWaits.forEach(f -> f.cancel(false));
    }
}
