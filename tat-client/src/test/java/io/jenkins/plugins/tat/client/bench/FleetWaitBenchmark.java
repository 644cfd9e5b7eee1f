package io.jenkins.plugins.tat.client.bench;

import static io.jenkins.plugins.tat.client.bench.BenchStats.countByAction;
import static io.jenkins.plugins.tat.client.bench.BenchStats.mostInOneSecond;
import static io.jenkins.plugins.tat.client.bench.BenchStats.percentiles;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.TaskStatus;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One step waiting on a fleet: 10,000 instances in invocations of 200 (as a fleet's batches are
 * sent), against the emulator with TAT's limit of 20 requests per second per action switched on,
 * with the default intervals (1 s to 3 s) and the shared rate limiter. The tasks end over a
 * minute, each invocation's throughout it. Prints whether every result is right (each instance
 * reported once, with its own output), how late each task's end was noticed (p50 / p90 / max),
 * how long after the last task the wait ended, the most requests in any 1 s, and how many the
 * emulator refused as over the limit.
 *
 * <p>{@code --capped} has the emulator list at most 100 tasks in an invocation's
 * InvocationTaskBasicInfoSet, the case the API reference leaves open; {@code --instances N} and
 * {@code --over S} change the size and the minute. Run (see CONTRIBUTING.md):
 * {@code ./mvnw -f tat-client/pom.xml test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-Xmx512m -cp %classpath io.jenkins.plugins.tat.client.bench.FleetWaitBenchmark"}
 */
public final class FleetWaitBenchmark {

    private static final String SECRET_ID = "AKIDfleetWaitBench01";
    private static final String SECRET_KEY = "fleetWaitBenchKey";
    private static final String REGION = "ap-guangzhou";
    private static final String COMMAND = "cmd-fleet001";
    private static final int BATCH = 200;
    private static final Duration FIRST_END = Duration.ofSeconds(5);

    private FleetWaitBenchmark() {}

    public static void main(String[] args) throws Exception {
        int instances = Options.number(args, "--instances", 10_000);
        int overSeconds = Options.number(args, "--over", 60);
        boolean capped = Options.flag(args, "--capped");
        try (TatEmulator emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY)) {
            run(emu, instances, Duration.ofSeconds(overSeconds), capped);
        }
        System.exit(0); // the poller's and the HTTP client's threads are daemons, but be sure
    }

    private static void run(TatEmulator emu, int instances, Duration over, boolean capped) throws Exception {
        emu.command(EmulatedCommand.builder(COMMAND).name("fleet").content("./deploy.sh").timeout(600).build());
        emu.faults().throttlePerSecond(20); // TAT's documented limit, per action
        if (capped) {
            emu.basicInfoCap(100);
        }
        Map<String, Instant> expectedEnd = new ConcurrentHashMap<>();
        Map<String, Duration> runsOf = new ConcurrentHashMap<>();
        List<String> invocations = new ArrayList<>();
        for (int from = 0; from < instances; from += BATCH) {
            List<String> batch = new ArrayList<>();
            for (int i = from; i < Math.min(instances, from + BATCH); i++) {
                String instance = String.format("ins-fleet%05d", i);
                emu.instance(EmulatedInstance.cvm(instance));
                // A permutation of the instances over the minute, so that each batch ends throughout it.
                long offsetMillis = (long) ((i * 7919L) % instances) * over.toMillis() / instances;
                Duration runs = FIRST_END.plusMillis(offsetMillis);
                emu.script(instance, TaskScript.success().runningFor(runs).output("done " + instance + "\n"));
                runsOf.put(instance, runs);
                batch.add(instance);
            }
            Instant created = Instant.now();
            invocations.add(emu.createInvocation(COMMAND, batch)); // made directly: sending is not measured
            for (String instance : batch) {
                expectedEnd.put(instance, created.plus(runsOf.get(instance)));
            }
        }
        Instant lastEnd = expectedEnd.values().stream().max(Instant::compareTo).orElseThrow();

        // No .rateLimiter(...): the shared limiter of this key and region, as in Jenkins.
        TatClient client = TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY))
                .region(REGION).endpoint(emu.endpoint()).build();
        InvocationWatcher watcher = InvocationWatcher.builder(client).waitTimeout(Duration.ofMinutes(10)).build();

        List<Long> noticeMillis = new CopyOnWriteArrayList<>();
        Set<String> heard = ConcurrentHashMap.newKeySet();
        AtomicInteger wrong = new AtomicInteger();
        WatchListener listener = new WatchListener() {
            @Override
            public void taskFinished(TaskReport report) {
                Instant end = expectedEnd.get(report.instanceId());
                noticeMillis.add(Duration.between(end, Instant.now()).toMillis());
                if (!heard.add(report.instanceId()) || !right(report)) {
                    wrong.incrementAndGet();
                }
            }
        };
        long start = System.nanoTime();
        List<WatchResult> results = watcher.watchAllAsync(invocations, Set.of(), listener).get(15, TimeUnit.MINUTES);
        Instant done = Instant.now();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        long reports = results.stream().mapToLong(r -> r.reports().size()).sum();
        long wrongInResults = results.stream().flatMap(r -> r.reports().stream()).filter(r -> !right(r)).count();
        boolean allRight = wrong.get() == 0 && wrongInResults == 0 && reports == instances && heard.size() == instances;
        List<RecordedRequest> requests = emu.requests();
        long throttled = requests.stream().filter(r -> r.faults().contains(FaultKind.THROTTLED)).count();
        double seconds = tookMillis / 1000.0;
        System.out.printf("%d instances in %d invocations, basic info %s, in %.1f s: results %s (%d reports, %d heard),"
                + " done %.2f s after the last task%n", instances, invocations.size(), capped ? "capped at 100" : "complete",
                seconds, allRight ? "all right" : "WRONG", reports, heard.size(),
                Duration.between(lastEnd, done).toMillis() / 1000.0);
        System.out.printf("  task end noticed after: %s; most requests in any 1 s %d, %.1f a second on average,"
                + " throttled %d, requests %d (%s)%n", percentiles(noticeMillis), mostInOneSecond(requests),
                requests.size() / seconds, throttled, requests.size(), countByAction(requests));
    }

    private static boolean right(TaskReport report) {
        return report.status() == TaskStatus.SUCCESS && ("done " + report.instanceId() + "\n").equals(report.output());
    }
}
