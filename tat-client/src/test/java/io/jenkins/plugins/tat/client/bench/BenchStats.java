package io.jenkins.plugins.tat.client.bench;

import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the benchmarks print: percentiles, the busiest second, requests by action, threads. */
final class BenchStats {

    private BenchStats() {}

    /** @return the live threads of this JVM but the emulator's own and the benchmark's sampler */
    static int nonEmulatorThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("tat-emulator-") && !t.getName().equals("bench-sampler")).count();
    }

    /** @return the most requests the emulator received in any one second */
    static int mostInOneSecond(List<RecordedRequest> requests) {
        List<Instant> times = new ArrayList<>();
        requests.forEach(r -> times.add(r.receivedAt()));
        Collections.sort(times);
        int most = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (Duration.between(times.get(from), times.get(to)).compareTo(Duration.ofSeconds(1)) >= 0) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    /** @return how many requests of each action the emulator received */
    static String countByAction(List<RecordedRequest> requests) {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(r.action(), 1, Integer::sum));
        return counts.toString();
    }

    /** @return p50, p90 and max of durations in milliseconds, in seconds */
    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("p50 %.2f s / p90 %.2f s / max %.2f s", at(sorted, 0.5) / 1000.0, at(sorted, 0.9) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }
}
