package io.jenkins.plugins.tat.client.bench;

import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsRequest;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cost of one call through {@link TatClient} beside the official SDK's {@link CommonClient},
 * in one run against one TAT emulator: the same DescribeInvocations (one invocation of two tasks,
 * by ID) through both, in alternating blocks of calls (one client's block first, then the other's,
 * the first client changing from block to block), after a warm-up of each. Prints p50, p90 and
 * mean per client and TatClient's share of the SDK's time, per run and over all runs.
 *
 * <p>TatClient's call is the whole call a build makes: validation, signing, its rate limiter (here
 * one that never waits), sending, reading, redacting and the model objects. The SDK's is
 * {@code CommonClient.call}, which signs, sends and checks the answer for an error, and returns
 * the JSON text: less work.
 *
 * <p><b>Connections.</b> By default the emulator keeps connections open, and both clients reuse
 * them, as they do with a server that allows it. The SDK's OkHttp (3.12) then checks a pooled
 * connection before each POST by reading from it with a 1 ms timeout, about 1 ms a call that is
 * the SDK's own. {@code --close} has the emulator close each connection after its answer (its
 * default for tests), so that every call of both clients opens one.
 *
 * <p>Options: {@code --calls N} calls per client and run (default 2000), {@code --runs R} (default
 * 3), {@code --warmup W} calls per client first (default 3000), {@code --block B} calls per block
 * (default 50), {@code --threads T} callers at once (default 1: sequential calls), {@code --load K}:
 * K threads spin on the CPU at normal priority throughout, so that "a busy machine" is
 * reproducible ({@code --load 2} keeps both cores of a two-core machine busy), {@code --close}
 * (above), and {@code --jdk-pool}: TatClient gets an HTTP client on the JDK's default executor, a
 * thread pool, instead of its default {@link TatClient#exchangeExecutor()}.
 *
 * <p>Run (see CONTRIBUTING.md): {@code ./mvnw -f tat-client/pom.xml test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.6.3:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath io.jenkins.plugins.tat.client.bench.CallOverheadBenchmark --load 2"}
 */
public final class CallOverheadBenchmark {

    private static final String SECRET_ID = "AKIDcallOverheadBench1";
    private static final String SECRET_KEY = "callOverheadBenchKey";
    private static final String REGION = "ap-guangzhou";
    private static final String COMMAND = "cmd-bench001";

    private CallOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int calls = Options.number(args, "--calls", 2000);
        int runs = Options.number(args, "--runs", 3);
        int warmup = Options.number(args, "--warmup", 3000);
        int threads = Options.number(args, "--threads", 1);
        int load = Options.number(args, "--load", 0);
        int block = Options.number(args, "--block", 50);
        boolean keepAlive = !Options.flag(args, "--close");
        boolean jdkPool = Options.flag(args, "--jdk-pool");
        AtomicBoolean spinning = new AtomicBoolean(true);
        try (TatEmulator emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY).keepConnectionsOpen(keepAlive)) {
            emu.command(EmulatedCommand.builder(COMMAND).name("bench").content("echo bench").build());
            emu.instance(EmulatedInstance.cvm("ins-bench0001"));
            emu.instance(EmulatedInstance.cvm("ins-bench0002"));
            String invocation = emu.createInvocation(COMMAND, List.of("ins-bench0001", "ins-bench0002"));

            TatClient tat = TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY))
                    .region(REGION).endpoint(emu.endpoint())
                    .rateLimiter(new RequestRateLimiter(1_000_000, 1)) // measure the call, not TAT's quota
                    .httpClient(jdkPool ? pooled() : null) // null: TatClient's own default
                    .build();
            DescribeInvocationsRequest request = DescribeInvocationsRequest.builder().invocationIds(List.of(invocation))
                    .build();
            CommonClient sdk = sdk(emu);
            String sdkBody = "{\"InvocationIds\":[\"" + invocation + "\"]}";
            Call tatCall = () -> tat.describeInvocations(request);
            Call sdkCall = () -> sdk.call("DescribeInvocations", sdkBody);

            for (int i = 0; i < load; i++) {
                Thread spinner = new Thread(() -> spin(spinning), "bench-load-" + i);
                spinner.setDaemon(true);
                spinner.start();
            }
            System.out.printf("DescribeInvocations, %d calls per client and run in blocks of %d, %d run(s), %d caller"
                    + " thread(s), %d spinning thread(s) on %d CPU(s), connections %s, TatClient's HTTP client on %s,"
                    + " Java %s%n", calls, block, runs, threads, load, Runtime.getRuntime().availableProcessors(),
                    keepAlive ? "kept open" : "closed after each call",
                    jdkPool ? "the JDK's default executor" : "its default", Runtime.version());
            measure(tatCall, sdkCall, warmup, threads, block, 0); // warm-up: both JITs, both connection paths
            long[][] all = {new long[0], new long[0]};
            for (int run = 1; run <= runs; run++) {
                long[][] times = measure(tatCall, sdkCall, calls, threads, block, run);
                System.out.printf("run %d: %s%n", run, compare(times));
                all[0] = concat(all[0], times[0]);
                all[1] = concat(all[1], times[1]);
            }
            System.out.printf("all runs: %s%n", compare(all));
        } finally {
            spinning.set(false);
        }
        System.exit(0); // the SDK's OkHttp threads and the JDK client's are not all daemons
    }

    /** With {@code --jdk-pool}: what TatClient's calls cost with the JDK client's default executor, a thread pool. */
    private static HttpClient pooled() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static CommonClient sdk(TatEmulator emu) {
        // As the emulator's SDK tests point it (docs/dev/protocol.md §6): plain HTTP to 127.0.0.1:<port>.
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint(emu.hostAndPort());
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        return new CommonClient("tat", TatClient.API_VERSION, new Credential(SECRET_ID, SECRET_KEY), REGION, profile);
    }

    /**
     * Times {@code calls} calls of each client on {@code threads} threads: blocks of {@code block}
     * calls of one client, then of the other, the first client alternating from block to block.
     */
    private static long[][] measure(Call tat, Call sdk, int calls, int threads, int block, int run) throws Exception {
        long[] tatNanos = new long[calls];
        long[] sdkNanos = new long[calls];
        CountDownLatch done = new CountDownLatch(threads);
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread caller = new Thread(() -> {
                try {
                    for (int from = first * block; from < calls; from += threads * block) {
                        int to = Math.min(calls, from + block);
                        boolean tatFirst = (from / block + run) % 2 == 0;
                        timeBlock(tatFirst ? tat : sdk, tatFirst ? tatNanos : sdkNanos, from, to);
                        timeBlock(tatFirst ? sdk : tat, tatFirst ? sdkNanos : tatNanos, from, to);
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-caller-" + t);
            caller.start();
        }
        done.await();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a call failed", failures.get(0));
        }
        return new long[][] {tatNanos, sdkNanos};
    }

    private static void timeBlock(Call call, long[] nanos, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            nanos[i] = time(call);
        }
    }

    private static long time(Call call) throws Exception {
        long t0 = System.nanoTime();
        call.run();
        return System.nanoTime() - t0;
    }

    private static String compare(long[][] times) {
        long[] tat = times[0].clone();
        long[] sdk = times[1].clone();
        Arrays.sort(tat);
        Arrays.sort(sdk);
        return String.format("TatClient %s | SDK %s | TatClient/SDK p50 %.2f, mean %.2f", stats(tat), stats(sdk),
                (double) at(tat, 0.5) / at(sdk, 0.5), mean(tat) / mean(sdk));
    }

    private static String stats(long[] sorted) {
        return String.format("p50 %.3f p90 %.3f mean %.3f ms", at(sorted, 0.5) / 1e6, at(sorted, 0.9) / 1e6,
                mean(sorted) / 1e6);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Keeps one CPU busy until told to stop. */
    private static void spin(AtomicBoolean spinning) {
        long x = 0;
        while (spinning.get()) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        if (x == 42) {
            System.out.println(); // keeps the loop from being optimised away
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
