package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@link TatEmulator} per test with one account, one command (Timeout 60 s) and three online
 * CVM instances in ap-guangzhou; a {@link TatClient} for it with fast retries and a private rate
 * limiter; and watchers that poll every 20 ms at first and every 200 ms at most, so that tasks
 * scripted to take tens to hundreds of milliseconds are watched as a build would watch minutes.
 */
abstract class WatcherTestSupport {

    static final String SECRET_ID = "AKIDwatcherTest0001";
    static final String SECRET_KEY = "watcherTestSecretKey";
    static final String REGION = "ap-guangzhou";
    static final String COMMAND = "cmd-watch001";
    static final String CVM_1 = "ins-watch001";
    static final String CVM_2 = "ins-watch002";
    static final String CVM_3 = "ins-watch003";
    static final Duration INITIAL_INTERVAL = Duration.ofMillis(20);
    static final Duration MAX_INTERVAL = Duration.ofMillis(200);

    TatEmulator emu;
    TatClient client;

    @BeforeEach
    void startEmulator() {
        emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY);
        emu.command(EmulatedCommand.builder(COMMAND).name("deploy").content("./deploy.sh").build());
        for (String id : List.of(CVM_1, CVM_2, CVM_3)) {
            emu.instance(EmulatedInstance.cvm(id));
        }
        client = TatClient.builder()
                .credential(new ApiKey(SECRET_ID, SECRET_KEY))
                .region(REGION)
                .endpoint(emu.endpoint())
                .retryPolicy(RetryPolicy.of(4, Duration.ofMillis(10), Duration.ofMillis(40)))
                .rateLimiter(new RequestRateLimiter(1000, 1000))
                .requestTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stopEmulator() {
        emu.close();
    }

    /** A watcher with short intervals that waits at most {@code waitTimeout}. */
    InvocationWatcher watcher(Duration waitTimeout) {
        return InvocationWatcher.builder(client).initialInterval(INITIAL_INTERVAL).maxInterval(MAX_INTERVAL)
                .waitTimeout(waitTimeout).build();
    }

    /** A watcher with short intervals and a wait timeout that no test reaches unless it means to. */
    InvocationWatcher watcher() {
        return watcher(Duration.ofSeconds(30));
    }

    /** Invokes the command on the instances and returns the InvocationId. */
    String invoke(String... instanceIds) throws InterruptedException {
        return client.invokeCommand(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(instanceIds).build())
                .invocationId();
    }

    /** A listener that remembers what it heard. */
    static final class RecordingListener implements WatchListener {
        final List<TaskReport> finished = new CopyOnWriteArrayList<>();
        final List<Map<TaskStatus, Integer>> progress = new CopyOnWriteArrayList<>();
        final List<Integer> totals = new CopyOnWriteArrayList<>();

        @Override
        public void taskFinished(TaskReport report) {
            finished.add(report);
        }

        @Override
        public void progress(Map<TaskStatus, Integer> counts, int total) {
            progress.add(Map.copyOf(counts));
            totals.add(total);
        }
    }
}
