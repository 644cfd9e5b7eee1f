package io.jenkins.plugins.tat.client.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import io.jenkins.plugins.tat.client.watch.TaskReport;
import io.jenkins.plugins.tat.client.watch.WatchListener;
import io.jenkins.plugins.tat.client.watch.WatchResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo data answers the real client as the README promises: three tasks succeed, one fails. */
class DemoEmulatorTest {

    private TatEmulator emu;
    private TatClient client;

    @BeforeEach
    void start() {
        emu = DemoEmulator.start(0);
        client = TatClient.builder()
                .credential(new ApiKey(DemoEmulator.SECRET_ID, DemoEmulator.SECRET_KEY))
                .region(DemoEmulator.REGION).endpoint(emu.endpoint()).build();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void theDemoCommandsAreSavedWithTheirParameters() throws InterruptedException {
        var commands = client.describeCommands(DescribeCommandsRequest.builder()
                .commandIds(List.of(DemoEmulator.DEPLOY_COMMAND, DemoEmulator.HEALTH_COMMAND)).build());
        assertThat(commands.commands()).hasSize(2);
        assertThat(commands.commands().stream().filter(c -> c.commandId().equals(DemoEmulator.DEPLOY_COMMAND))
                .findFirst().orElseThrow().parameterDefaults()).containsEntry("version", "1.0.0");
    }

    @Test
    void theHealthCheckPrintsItsOwnOutputAndFailsOnTheFourth() throws InterruptedException {
        List<String> all = new ArrayList<>(DemoEmulator.HEALTHY_INSTANCES);
        all.add(DemoEmulator.FAILING_INSTANCE);
        String id = client.invokeCommand(InvokeCommandRequest.builder().commandId(DemoEmulator.HEALTH_COMMAND)
                .instanceIds(all).build()).invocationId();
        WatchResult result = InvocationWatcher.builder(client).initialInterval(Duration.ofMillis(200))
                .maxInterval(Duration.ofSeconds(1)).waitTimeout(Duration.ofSeconds(60)).build()
                .watch(id, new WatchListener() {});

        assertThat(result.counts()).containsEntry(TaskStatus.SUCCESS, 3).containsEntry(TaskStatus.FAILED, 1);
        assertThat(result.reports()).filteredOn(TaskReport::succeeded)
                .allSatisfy(r -> assertThat(r.output()).startsWith("HTTP 200 OK from " + r.instanceId()));
        assertThat(result.unsuccessful().get(0).output()).contains("Connection refused");
    }

    @Test
    void healthyInstancesSucceedWithOutputAndTheFourthFails() throws InterruptedException {
        List<String> all = new ArrayList<>(DemoEmulator.HEALTHY_INSTANCES);
        all.add(DemoEmulator.FAILING_INSTANCE);
        String id = client.invokeCommand(InvokeCommandRequest.builder().commandId(DemoEmulator.DEPLOY_COMMAND)
                .instanceIds(all).parameters(Map.of("version", "1.4.2")).build()).invocationId();
        List<TaskReport> heard = new ArrayList<>();
        WatchResult result = InvocationWatcher.builder(client).initialInterval(Duration.ofMillis(200))
                .maxInterval(Duration.ofSeconds(1)).waitTimeout(Duration.ofSeconds(60)).build()
                .watch(id, new WatchListener() {
                    @Override
                    public void taskFinished(TaskReport report) {
                        heard.add(report);
                    }
                });

        assertThat(heard).hasSize(4);
        assertThat(result.counts()).containsEntry(TaskStatus.SUCCESS, 3).containsEntry(TaskStatus.FAILED, 1);
        TaskReport failed = result.unsuccessful().get(0);
        assertThat(failed.instanceId()).isEqualTo(DemoEmulator.FAILING_INSTANCE);
        assertThat(failed.exitCode()).isEqualTo(3L);
        assertThat(failed.output()).contains("no space left on device");
        assertThat(result.reports()).filteredOn(TaskReport::succeeded)
                .allSatisfy(r -> assertThat(r.output()).contains(r.instanceId() + ": installing release 1.4.2"));
    }
}
