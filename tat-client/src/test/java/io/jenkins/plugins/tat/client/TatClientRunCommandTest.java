package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.tat.client.api.Command;
import io.jenkins.plugins.tat.client.api.DescribeAutomationAgentStatusRequest;
import io.jenkins.plugins.tat.client.api.DescribeAutomationAgentStatusResponse;
import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsRequest;
import io.jenkins.plugins.tat.client.api.RunCommandRequest;
import io.jenkins.plugins.tat.client.api.RunCommandResponse;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TatClient#runCommand} and {@link TatClient#describeAutomationAgentStatus} against the emulator. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class TatClientRunCommandTest extends TatClientTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunCommandRequest.Builder script(String content) {
        return RunCommandRequest.builder().content(content).instanceIds(List.of(CVM_1, CVM_2));
    }

    @Test
    void runCommandSendsTheScriptBase64EncodedAndReturnsBothIds() throws Exception {
        RunCommandResponse response = client().runCommand(script("echo héllo {{who}}\n").commandName("greet")
                .commandType("SHELL").timeout(30L).enableParameter(true).parameters(Map.of("who", "world")).build());

        assertThat(response.invocationId()).matches("inv-[a-z0-9]{8,}");
        assertThat(response.commandId()).matches("cmd-[a-z0-9]{8,}");
        assertThat(response.requestId()).isNotBlank();
        JsonNode body = JSON.readTree(emu.requests().get(0).body());
        assertThat(new String(Base64.getDecoder().decode(body.get("Content").asText()), StandardCharsets.UTF_8))
                .isEqualTo("echo héllo {{who}}\n");
        assertThat(body.get("EnableParameter").asBoolean()).isTrue();
        // Parameters travel as a JSON-encoded string, as in InvokeCommand (docs/dev/protocol.md §4.2).
        assertThat(JSON.readTree(body.get("Parameters").asText()).get("who").asText()).isEqualTo("world");
        assertThat(body.has("SaveCommand")).isFalse();
        assertThat(emu.invocationCommand(response.invocationId()).content()).isEqualTo("echo héllo {{who}}\n");
        assertThat(emu.invocation(response.invocationId()).tasks()).hasSize(2);
        assertThat(emu.hasCommand(response.commandId())).isFalse();
    }

    @Test
    void saveCommandSavesItWithItsDefaults() throws Exception {
        RunCommandResponse response = client().runCommand(script("echo {{v}}").saveCommand(true).commandName("kept")
                .description("kept for later").enableParameter(true).defaultParameters(Map.of("v", "1")).build());

        assertThat(emu.hasCommand(response.commandId())).isTrue();
        Command saved = client().describeCommands(DescribeCommandsRequest.builder()
                .commandIds(List.of(response.commandId())).build()).commands().get(0);
        assertThat(saved.commandName()).isEqualTo("kept");
        assertThat(saved.parameterDefaults()).containsExactly(Map.entry("v", "1"));
        assertThat(saved.contentParameters()).containsExactly("v");
    }

    @Test
    void anInvalidRunIsRefusedAndNothingIsSent() {
        Throwable thrown = catchThrowable(() -> client().runCommand(script("#".repeat(50_000)).commandType("sh").build()));

        assertThat(thrown).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Invalid RunCommand request (2 problems, nothing was sent)");
        assertThat(receivedInAll()).isZero();
    }

    @Test
    void aRunCommandThatMayHaveRunIsNotSentAgain() {
        emu.faults().forAction("RunCommand").dropAfterAction(1);

        Throwable thrown = catchThrowable(() -> client().runCommand(script("echo once").commandName("once").build()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("Outcome unknown")
                .hasMessageContaining("a command named once");
        assertThat(emu.received("RunCommand")).isEqualTo(1);
    }

    @Test
    void theApiRefusalCarriesItsCode() {
        emu.setAgentOnline(CVM_2, false);

        Throwable thrown = catchThrowable(() -> client().runCommand(script("echo").build()));

        assertThat(thrown).isInstanceOf(TencentCloudApiException.class)
                .hasMessageContaining("ResourceUnavailable.AgentStatusNotOnline");
        assertThat(emu.invocations()).isEmpty();
    }

    @Test
    void describeAutomationAgentStatusReadsEachAgent() throws Exception {
        emu.setAgentOnline(CVM_2, false);

        DescribeAutomationAgentStatusResponse response = client().describeAutomationAgentStatus(
                DescribeAutomationAgentStatusRequest.builder().instanceIds(List.of(CVM_1, CVM_2, "ins-zzzz9999")).build());

        assertThat(response.agents()).extracting(a -> a.instanceId() + " " + a.isOnline())
                .containsExactly(CVM_1 + " true", CVM_2 + " false");
        assertThat(response.agents().get(0).environment()).isEqualTo("Linux");
        assertThat(response.agents().get(0).lastHeartbeatTime()).isNotNull();
    }

    @Test
    void preflightReadsTakeTheDeploymentShareNotThePollingOne() throws Exception {
        // 3 requests per 10 minutes, 1 of them for polling: one poll uses up the polling share.
        TatClient client = clientBuilder().rateLimiter(new RequestRateLimiter(3, 1, 600_000)).build();
        client.describeInvocations(DescribeInvocationsRequest.builder().build());

        // Were they polling, each would wait the 10 minutes for the poll to leave the window.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            client.describeAutomationAgentStatus(DescribeAutomationAgentStatusRequest.builder()
                    .instanceIds(List.of(CVM_1)).build());
            client.describeCommands(describeCommands());
        });
        assertThat(emu.requests()).hasSize(3);
    }

    @Test
    void pollingAndDeploymentClassesAreTheDocumentedOnes() {
        assertThat(TatAction.DESCRIBE_INVOCATIONS.isPolling()).isTrue();
        assertThat(TatAction.DESCRIBE_INVOCATION_TASKS.isPolling()).isTrue();
        assertThat(TatAction.DESCRIBE_AUTOMATION_AGENT_STATUS.isPolling()).isFalse();
        assertThat(TatAction.DESCRIBE_COMMANDS.isPolling()).isFalse();
        assertThat(TatAction.RUN_COMMAND.isReadOnly()).isFalse();
    }
}
