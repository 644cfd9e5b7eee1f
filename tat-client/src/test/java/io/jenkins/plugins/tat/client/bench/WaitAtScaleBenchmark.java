package io.jenkins.plugins.tat.client.bench;

import static io.jenkins.plugins.tat.client.bench.BenchStats.countByAction;
import static io.jenkins.plugins.tat.client.bench.BenchStats.mostInOneSecond;
import static io.jenkins.plugins.tat.client.bench.BenchStats.nonEmulatorThreads;
import static io.jenkins.plugins.tat.client.bench.BenchStats.percentiles;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.FaultKind;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.TaskReport;
import io.jenkins.plugins.tat.client.watch.WatchListener;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N builds waiting at once, against the TAT emulator with TAT's limit of 20 requests per second
 * per action switched on: each wait watches an invocation of one task that ends 20 to 30 s after
 * it was created; meanwhile a deployment (an InvokeCommand) is sent every 2 s through the same
 * shared rate limiter. Prints: threads the waits added (the emulator's own threads left out),
 * the most requests the emulator received in any 1 s, how many it refused as over the limit, how
 * late each task's end was noticed (p50 / p90 / max), how long the deployments took (p50 / p90 /
 * max), and the peak heap.
 *
 * <p>Run (see tat-client's README line in CONTRIBUTING.md):
 * {@code ./mvnw -f tat-client/pom.xml test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-Xmx512m -cp %classpath io.jenkins.plugins.tat.client.bench.WaitAtScaleBenchmark 1000"}
 */
public final class WaitAtScaleBenchmark {

    private static final String SECRET_ID = "AKIDwaitAtScaleBench01";
    private static final String SECRET_KEY = "waitAtScaleBenchKey";
    private static final String REGION = "ap-guangzhou";
    private static final String COMMAND = "cmd-bench001";

    private WaitAtScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int watches = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (TatEmulator emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY)) {
            run(emu, watches);
        }
        System.exit(0); // the shared poller's and the HTTP client's threads are daemons, but be sure
    }

    private static void run(TatEmulator emu, int watches) throws Exception {
        emu.command(EmulatedCommand.builder(COMMAND).name("bench").content("sleep 25").timeout(600).build());
        emu.faults().throttlePerSecond(20); // TAT's documented limit, per action
        List<String> invocations = new ArrayList<>();
        Map<String, Instant> expectedEnd = new ConcurrentHashMap<>();
        Instant created = Instant.now();
        for (int i = 0; i < watches; i++) {
            String instance = String.format("ins-bench%05d", i);
            emu.instance(EmulatedInstance.cvm(instance));
            Duration runs = Duration.ofMillis(20_000 + (i * 10_000L / Math.max(1, watches)));
            emu.script(instance, TaskScript.success().runningFor(runs).output("done " + i + "\n"));
            // made in the emulator directly: setting up is not what is measured
            invocations.add(emu.createInvocation(COMMAND, List.of(instance)));
            expectedEnd.put(instance, created.plus(runs));
        }
        String deployTarget = "ins-benchdeploy";
        emu.instance(EmulatedInstance.cvm(deployTarget));

        // No .rateLimiter(...): the shared limiter of this key and region, as in Jenkins.
        TatClient client = TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY))
                .region(REGION).endpoint(emu.endpoint()).build();
        InvocationWatcher watcher = InvocationWatcher.builder(client).waitTimeout(Duration.ofMinutes(10)).build();

        System.gc();
        int threadsBefore = nonEmulatorThreads();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peakHeap = new AtomicLong(heapBefore);
        AtomicLong peakThreads = new AtomicLong(threadsBefore);
        List<Long> noticeMillis = new CopyOnWriteArrayList<>();
        List<Long> deployMillis = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> {
            peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            peakThreads.accumulateAndGet(nonEmulatorThreads(), Math::max);
        }, 0, 50, TimeUnit.MILLISECONDS);

        WatchListener listener = new WatchListener() {
            @Override
            public void taskFinished(TaskReport report) {
                Instant end = expectedEnd.get(report.instanceId());
                noticeMillis.add(Duration.between(end, Instant.now()).toMillis());
            }
        };
        long start = System.nanoTime();
        List<CompletableFuture<WatchResult>> futures = new ArrayList<>();
        for (String id : invocations) {
            futures.add(watcher.watchAsync(id, listener));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        while (!all.isDone()) {
            long t0 = System.nanoTime();
            client.invokeCommand(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(deployTarget).build());
            deployMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            Thread.sleep(2_000);
        }
        all.get();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        sampler.shutdownNow();

        List<RecordedRequest> requests = emu.requests();
        long throttled = requests.stream().filter(r -> r.faults().contains(FaultKind.THROTTLED)).count();
        System.out.printf("%d watches in %.1f s: threads added %d (peak %d, before %d), most requests in any 1 s %d"
                + " (all actions), throttled %d, requests %d (%s)%n", watches, tookMillis / 1000.0,
                peakThreads.get() - threadsBefore, peakThreads.get(), threadsBefore, mostInOneSecond(requests), throttled,
                requests.size(), countByAction(requests));
        System.out.printf("  task end noticed after: %s; InvokeCommand during the waits took: %s (%d sent)%n",
                percentiles(noticeMillis), percentiles(deployMillis), deployMillis.size());
        System.out.printf("  peak heap %.1f MB (%.1f MB before the waits)%n", peakHeap.get() / 1e6, heapBefore / 1e6);
    }
}
