package io.jenkins.plugins.tat.client.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.WatchListener;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap one watch needs for an invocation on 200 instances that each printed 24 KB: how much
 * live data, at its peak, the watch holds beyond what the JVM held before it, beside the raw
 * output (200 × 24 KB = 4.9 MB).
 *
 * <p><b>How it is measured.</b> This JVM runs the emulator only; the watch runs in a second JVM
 * that this one starts ({@code -XX:+UseSerialGC -Xmx256m}), so the emulator's memory (its copy of
 * the output, the answers it renders) does not count. The invocation's tasks have all ended when
 * the watch starts, so one round reads every task's output (two DescribeInvocationTasks pages of
 * 100 × 24 KB, about 3.3 MB of base64 each): the most a watch of these tasks ever holds at once.
 * In the second JVM, a first small watch loads and warms every class; then, after full
 * collections, the heap in use is the baseline. While the measured watch runs, a thread calls
 * {@link System#gc()} back to back, and the heap in use after each full collection (its heap
 * pools, as the collector's notifications report them; not the code cache or metaspace) is live
 * data at that moment; the largest of these, less the baseline, is the peak printed. The samples are some milliseconds apart, so a peak shorter than
 * that can be missed; the number of samples is printed. The result is still referenced at the end,
 * so "kept" is what the watch's result holds.
 *
 * <p>The output is log-like ASCII text, which a {@link String} would hold at one byte a character
 * too; {@link io.jenkins.plugins.tat.client.api.TaskOutput} holds any output at its size in bytes.
 * Options: {@code --instances N} (default 200), {@code --output-bytes B} per task (default 24576).
 *
 * <p>Run (see CONTRIBUTING.md): {@code ./mvnw -f tat-client/pom.xml test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.6.3:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath io.jenkins.plugins.tat.client.bench.WatchMemoryBenchmark"}
 */
public final class WatchMemoryBenchmark {

    private static final String SECRET_ID = "AKIDwatchMemoryBench1";
    private static final String SECRET_KEY = "watchMemoryBenchKey";
    private static final String REGION = "ap-guangzhou";
    private static final String COMMAND = "cmd-bench001";

    private WatchMemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--watch")) {
            watch(URI.create(args[1]), args[2], args[3], Long.parseLong(args[4]));
            System.exit(0);
        }
        int instances = Options.number(args, "--instances", 200);
        int outputBytes = Options.number(args, "--output-bytes", 24 * 1024);
        int code;
        try (TatEmulator emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY)) {
            emu.command(EmulatedCommand.builder(COMMAND).name("bench").content("cat big.log").timeout(600).build());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                String instance = String.format("ins-bench%05d", i);
                emu.instance(EmulatedInstance.cvm(instance));
                emu.script(instance, TaskScript.success().runningFor(Duration.ofMillis(100)).output(output(instance,
                        outputBytes)));
                ids.add(instance);
            }
            emu.instance(EmulatedInstance.cvm("ins-warmup01"));
            emu.script("ins-warmup01", TaskScript.success().runningFor(Duration.ofMillis(100)).output("warm\n"));
            String warmup = emu.createInvocation(COMMAND, List.of("ins-warmup01"));
            String measured = emu.createInvocation(COMMAND, ids);
            Thread.sleep(500); // every task has ended before the watch starts
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), WatchMemoryBenchmark.class.getName(), "--watch",
                    emu.endpoint().toString(), warmup, measured, Long.toString((long) instances * outputBytes))
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                out.lines().forEach(System.out::println);
            }
            code = child.waitFor();
        }
        System.exit(code);
    }

    /** Log-like printable ASCII, {@code bytes} long. */
    private static byte[] output(String instance, int bytes) {
        StringBuilder s = new StringBuilder(bytes + 100);
        for (int line = 1; s.length() < bytes; line++) {
            s.append(instance).append(" step ").append(line).append(": copied /srv/app/release-")
                    .append(Integer.toHexString(instance.hashCode() * 31 + line)).append(".tar.gz, 100% done\n");
        }
        s.setLength(bytes);
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** In the second JVM: a warm-up watch, the baseline, then the measured watch. */
    private static void watch(URI endpoint, String warmup, String measured, long rawBytes) throws Exception {
        TatClient client = TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY))
                .region(REGION).endpoint(endpoint).build();
        InvocationWatcher watcher = InvocationWatcher.builder(client).waitTimeout(Duration.ofMinutes(5)).build();
        watcher.watch(warmup, WatchListener.NONE);

        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        AtomicLong lastAfterFullGc = new AtomicLong();
        AtomicLong peakAfterFullGc = new AtomicLong();
        AtomicInteger samples = new AtomicInteger();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                if (!info.getGcAction().contains("major")) {
                    return; // a young collection leaves dead objects in the old generation: not live data
                }
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey())) // not the code cache, not metaspace
                        .mapToLong(pool -> pool.getValue().getUsed()).sum();
                lastAfterFullGc.set(used);
                peakAfterFullGc.accumulateAndGet(used, Math::max);
                samples.incrementAndGet();
            }, null, null);
        }
        long baseline = liveHeap(lastAfterFullGc);
        peakAfterFullGc.set(0);
        samples.set(0);

        CompletableFuture<WatchResult> watching = watcher.watchAsync(measured, WatchListener.NONE);
        Thread sampler = new Thread(() -> {
            while (!watching.isDone()) {
                System.gc();
            }
        }, "bench-gc");
        sampler.setDaemon(true);
        sampler.start();
        WatchResult result = watching.get();
        sampler.join();
        long peak = peakAfterFullGc.get() - baseline;
        int sampled = samples.get();
        long kept = liveHeap(lastAfterFullGc) - baseline; // the result is used below: still reachable here

        System.out.printf("1 watch of %d tasks, %.2f MB of raw output (%d bytes): peak live heap of the watch %.2f MB"
                + " (%.2f × the raw output; %d samples), kept in its result %.2f MB; baseline %.2f MB; Java %s%n",
                result.reports().size(), rawBytes / 1e6, rawBytes, peak / 1e6, (double) peak / rawBytes, sampled,
                kept / 1e6, baseline / 1e6, Runtime.version());
    }

    /** The heap in use after full collections, settled. */
    private static long liveHeap(AtomicLong lastAfterFullGc) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50); // the notification comes on another thread
        }
        return lastAfterFullGc.get();
    }
}
