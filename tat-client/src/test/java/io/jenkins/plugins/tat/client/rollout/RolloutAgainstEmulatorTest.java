package io.jenkins.plugins.tat.client.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksRequest;
import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.FleetInstance;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.fleet.BatchSender;
import io.jenkins.plugins.tat.client.fleet.SentBatch;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import io.jenkins.plugins.tat.client.targets.CvmInstancesByTags;
import io.jenkins.plugins.tat.client.targets.ResolvedTargets;
import io.jenkins.plugins.tat.client.targets.SkippedInstance;
import io.jenkins.plugins.tat.client.targets.TagTerm;
import io.jenkins.plugins.tat.client.targets.TargetResolver;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pieces together, as a front end will use them, against the emulator over real HTTP: 20
 * instances tagged app=web resolved, cut into waves [1, "25%"], each wave sent (BatchSender),
 * waited for and judged; one failing instance in wave 2 with maxErrors 0 stops the rollout before
 * wave 3, and the verdict names what never ran.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RolloutAgainstEmulatorTest {

    private static final String SECRET_ID = "AKIDrolloutTest001";
    private static final String SECRET_KEY = "rolloutSecretKey";
    private static final String COMMAND = "cmd-deploy01";

    private TatEmulator emu;
    private TatClient.Builder settings;

    @BeforeEach
    void start() {
        emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY);
        emu.command(EmulatedCommand.builder(COMMAND).name("deploy").content("./deploy.sh").build());
        for (int i = 0; i < 20; i++) {
            emu.fleetInstance(FleetInstance.cvm(String.format("ins-web%05d", i)).tag("app", "web"));
        }
        emu.fleetInstance(FleetInstance.cvm("ins-web99999").tag("app", "web").state("STOPPED"));
        settings = TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY)).region("ap-guangzhou")
                .endpoint(emu.endpoint()).retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofMillis(20)))
                .rateLimiter(new RequestRateLimiter(1000, 1000)).requestTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void aFailureInTheSecondWaveStopsTheRolloutBeforeTheThird() throws Exception {
        emu.script("ins-web00003", TaskScript.failure(2));
        TatClient tat = settings.build();
        ResolvedTargets targets = TargetResolver.of(settings).resolve(CvmInstancesByTags.of(TagTerm.parse("app=web")),
                false);
        RolloutPlan plan = RolloutPlan.of(targets.instanceIds(), Waves.parse(List.of(1, "25%")));
        Map<String, String> skipped = targets.skipped().stream()
                .collect(Collectors.toMap(SkippedInstance::instanceId, SkippedInstance::reason));
        ErrorBudget budget = new ErrorBudget(plan, MaxErrors.parse(0), skipped);

        for (int wave = 0; budget.mayContinue(); wave++) {
            List<SentBatch> sent = BatchSender.sendAll(plan.calls(wave), List.of(), (index, ids) -> tat.invokeCommand(
                    InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(ids).build()).invocationId(), b -> {});
            Map<String, TaskStatus> statuses = new HashMap<>();
            for (SentBatch batch : sent) {
                statuses.putAll(waitFor(tat, batch.invocationId()));
            }
            budget.judgeWave(statuses, Set.of());
        }

        RolloutVerdict verdict = budget.verdict();
        assertThat(plan.allWaves()).extracting(List::size).containsExactly(1, 5, 5, 5, 4);
        assertThat(verdict.result()).isEqualTo(RolloutVerdict.Result.FAILURE);
        assertThat(verdict.wavesJudged()).isEqualTo(2);
        assertThat(verdict.failed()).isEqualTo(Map.of("ins-web00003", "FAILED"));
        assertThat(verdict.ran()).hasSize(6);
        assertThat(verdict.notSent()).hasSize(14).startsWith("ins-web00006");
        assertThat(verdict.skipped()).containsEntry("ins-web99999", "not running (STOPPED)");
        assertThat(emu.invocations()).hasSize(2); // nothing of waves 3 to 5 was sent
    }

    /** Polls the invocation's tasks until each has ended, as a watcher would. */
    private static Map<String, TaskStatus> waitFor(TatClient tat, String invocationId) throws InterruptedException {
        while (true) {
            List<InvocationTask> tasks = tat.describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                    .filter("invocation-id", invocationId).limit(100).build()).tasks();
            if (!tasks.isEmpty() && tasks.stream().allMatch(t -> t.status().isTerminal())) {
                Map<String, TaskStatus> statuses = new LinkedHashMap<>();
                tasks.forEach(t -> statuses.put(t.instanceId(), t.status()));
                return statuses;
            }
            Thread.sleep(20);
        }
    }
}
