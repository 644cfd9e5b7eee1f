package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Concurrent clients each get their own invocation, and every request is counted once. */
class ConcurrencyTest extends EmulatorTestSupport {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 10;

    @Test
    void concurrentInvocationsAreAllCreatedWithDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Callable<List<String>> client = () -> {
                    RawTatClient raw = new RawTatClient(emu);
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        ids.add(raw.send("InvokeCommand", json("{'CommandId':'cmd-abcd1234','InstanceIds':"
                                + "['ins-aaaa0001','ins-aaaa0002']}")).response().get("InvocationId").asText());
                    }
                    return ids;
                };
                futures.add(pool.submit(client));
            }
            Set<String> ids = new HashSet<>();
            for (Future<List<String>> future : futures) {
                ids.addAll(future.get(60, TimeUnit.SECONDS));
            }

            int total = THREADS * CALLS_PER_THREAD;
            assertThat(ids).hasSize(total).allMatch(id -> id.startsWith("inv-"));
            assertThat(emu.received("InvokeCommand")).isEqualTo(total);
            assertThat(emu.executed("InvokeCommand")).isEqualTo(total);
            assertThat(emu.requests()).hasSize(total);
            assertThat(emu.invocations()).flatExtracting(EmulatedInvocation::tasks)
                    .extracting(EmulatedTask::taskId).doesNotHaveDuplicates().hasSize(2 * total);
        } finally {
            pool.shutdownNow();
        }
    }
}
