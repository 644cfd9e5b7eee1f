package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.tat.client.api.CancelInvocationRequest;
import io.jenkins.plugins.tat.client.api.CancelInvocationResponse;
import io.jenkins.plugins.tat.client.api.Command;
import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.api.DescribeCommandsResponse;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksRequest;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksResponse;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsRequest;
import io.jenkins.plugins.tat.client.api.Invocation;
import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.api.InvocationTaskBasicInfo;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.api.InvokeCommandResponse;
import io.jenkins.plugins.tat.client.api.TaskStatus;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TatClient} against the emulator: the emulator verifies every request's TC3 signature
 * with its own code, so each passing call shows the two implementations agree.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class TatClientTest extends TatClientTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void invokeCommandReturnsTheNewInvocationId() throws Exception {
        InvokeCommandResponse response = client().invokeCommand(invokeOn(CVM_1, CVM_2));

        assertThat(response.invocationId()).matches("inv-[a-z0-9]{8,}");
        assertThat(response.requestId()).isNotBlank();
        assertThat(emu.invocation(response.invocationId()).tasks()).hasSize(2);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void invokeCommandSendsEveryFieldAsTheApiNamesIt() throws Exception {
        client().invokeCommand(InvokeCommandRequest.builder()
                .commandId(PARAM_COMMAND).instanceIds(CVM_1)
                .parameters(Map.of("version", "2.1"))
                .username("deploy").workingDirectory("/srv").timeout(120)
                .outputCosBucketUrl("https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com")
                .outputCosKeyPrefix("logs/deploy")
                .build());

        JsonNode body = JSON.readTree(emu.requests().get(0).body());
        // Parameters travel as a JSON-encoded string, not as an object (docs/dev/protocol.md §4.1).
        assertThat(body.get("Parameters").isTextual()).isTrue();
        assertThat(JSON.readTree(body.get("Parameters").asText()).get("version").asText()).isEqualTo("2.1");
        assertThat(body.get("Username").asText()).isEqualTo("deploy");
        assertThat(body.get("WorkingDirectory").asText()).isEqualTo("/srv");
        assertThat(body.get("Timeout").asLong()).isEqualTo(120);
        assertThat(body.get("OutputCOSBucketUrl").asText()).startsWith("https://bucket-");
        assertThat(body.get("OutputCOSKeyPrefix").asText()).isEqualTo("logs/deploy");
        assertThat(emu.invocations().get(0).username()).isEqualTo("deploy");
    }

    @Test
    void everyRequestCarriesTheCommonHeaders() throws Exception {
        clientBuilder().language(Language.EN_US).build().describeCommands(describeCommands());

        Map<String, String> headers = emu.requests().get(0).headers();
        assertThat(headers).containsEntry("x-tc-action", "DescribeCommands")
                .containsEntry("x-tc-version", "2020-10-28")
                .containsEntry("x-tc-region", REGION)
                .containsEntry("x-tc-language", "en-US")
                .containsEntry("content-type", "application/json; charset=utf-8")
                .containsEntry("host", "127.0.0.1:" + emu.port())
                .doesNotContainKey("x-tc-token");
        assertThat(headers.get("authorization"))
                .startsWith("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/")
                .contains("/tat/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=");
    }

    @Test
    void anInvalidRequestIsRefusedAndNothingIsSent() {
        InvokeCommandRequest bad = InvokeCommandRequest.builder().commandId("deploy").instanceIds(CVM_1, LIGHTHOUSE)
                .timeout(0).parametersJson("{\"a\":1}").build();

        assertThatThrownBy(() -> client().invokeCommand(bad))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("CommandId", "InstanceIds", "Parameters", "Timeout"))
                .hasMessageContaining("nothing was sent");
        assertThat(receivedInAll()).isZero();
    }

    @Test
    void anInvalidDescribeRequestIsRefusedAndNothingIsSent() {
        DescribeInvocationTasksRequest bad = DescribeInvocationTasksRequest.builder()
                .invocationTaskIds(List.of("invt-abcd1234")).filter("invocation-id", "inv-abcd1234").limit(101).build();

        assertThatThrownBy(() -> client().describeInvocationTasks(bad))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::errorCode)
                        .containsExactly("InvalidParameter.ConflictParameter", "InvalidParameterValue"));
        assertThat(receivedInAll()).isZero();
    }

    @Test
    void anApiErrorCarriesItsCodeMessageAndRequestId() {
        InvokeCommandRequest unknownCommand = InvokeCommandRequest.builder().commandId("cmd-zzzz9999").instanceIds(CVM_1).build();

        assertThatThrownBy(() -> client().invokeCommand(unknownCommand))
                .isInstanceOfSatisfying(TencentCloudApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ResourceNotFound.CommandNotFound");
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.action()).isEqualTo("InvokeCommand");
                    assertThat(e.getMessage()).contains("ResourceNotFound.CommandNotFound").contains(e.requestId());
                });
        assertThat(emu.executed("InvokeCommand")).isZero();
    }

    @Test
    void anOfflineAgentIsReportedByTheApi() {
        emu.instance(EmulatedInstance.cvm("ins-off00001").agentOnline(false));

        assertThatThrownBy(() -> client().invokeCommand(invokeOn("ins-off00001")))
                .isInstanceOfSatisfying(TencentCloudApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ResourceUnavailable.AgentStatusNotOnline"));
    }

    @Test
    void aTemporaryKeySendsItsToken() throws Exception {
        emu.account("AKIDsts000001", "stsSecretKey", "sessionToken-123");
        TatClient sts = clientBuilder().credential(new ApiKey("AKIDsts000001", "stsSecretKey", "sessionToken-123"))
                .build();

        sts.describeCommands(describeCommands());

        assertThat(emu.requests().get(0).headers()).containsEntry("x-tc-token", "sessionToken-123");
        assertThat(emu.requests().get(0).errorCode()).isNull();
    }

    @Test
    void describeCommandsReadsParametersAndDefaults() throws Exception {
        DescribeCommandsResponse response = client().describeCommands(
                DescribeCommandsRequest.builder().commandIds(List.of(PARAM_COMMAND)).build());

        assertThat(response.totalCount()).isEqualTo(1);
        Command command = response.commands().get(0);
        assertThat(command.commandId()).isEqualTo(PARAM_COMMAND);
        assertThat(command.commandName()).isEqualTo("release");
        assertThat(command.commandType()).isEqualTo("SHELL");
        assertThat(command.enableParameter()).isTrue();
        assertThat(command.parameterDefaults()).containsExactly(Map.entry("version", "1.0"));
    }

    @Test
    void describeInvocationTasksAlwaysAsksForTheOutputAndDecodesIt() throws Exception {
        emu.script(CVM_1, TaskScript.failure(3).output("line one\nline two\n"));
        String id = client().invokeCommand(invokeOn(CVM_1)).invocationId();

        DescribeInvocationTasksResponse response = client().describeInvocationTasks(
                DescribeInvocationTasksRequest.builder().filter("invocation-id", id).build());

        RecordedRequest sent = emu.requests().get(1);
        assertThat(JSON.readTree(sent.body()).get("HideOutput").asBoolean(true)).isFalse();
        InvocationTask task = response.tasks().get(0);
        assertThat(task.instanceId()).isEqualTo(CVM_1);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.taskResult().exitCode()).isEqualTo(3L);
        assertThat(task.taskResult().outputText()).isEqualTo("line one\nline two\n");
    }

    @Test
    void outputThatIsNotUtf8IsShownWithReplacementCharacters() throws Exception {
        emu.script(CVM_1, TaskScript.success().output(new byte[] {'o', 'k', (byte) 0xff, (byte) 0xfe, '\n'}));
        String id = client().invokeCommand(invokeOn(CVM_1)).invocationId();

        InvocationTask task = client().describeInvocationTasks(
                DescribeInvocationTasksRequest.builder().filter("invocation-id", id).build()).tasks().get(0);

        assertThat(task.taskResult().outputBytes()).containsExactly('o', 'k', 0xff, 0xfe, '\n');
        assertThat(task.taskResult().outputText()).isEqualTo("ok\uFFFD\uFFFD\n");
        assertThat(task.taskResult().outputText().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }

    @Test
    void describeInvocationsListsTheTasks() throws Exception {
        String id = client().invokeCommand(invokeOn(CVM_1, CVM_2)).invocationId();

        Invocation invocation = client().describeInvocations(
                DescribeInvocationsRequest.builder().invocationIds(List.of(id)).build()).invocations().get(0);

        assertThat(invocation.invocationId()).isEqualTo(id);
        assertThat(invocation.commandId()).isEqualTo(COMMAND);
        assertThat(invocation.tasks()).extracting(InvocationTaskBasicInfo::instanceId).containsExactlyInAnyOrder(CVM_1, CVM_2);
        assertThat(invocation.createdTime()).isNotNull();
    }

    @Test
    void cancelInvocationCancelsPendingAndTerminatesRunningTasks() throws Exception {
        emu.script(CVM_1, TaskScript.success().pendingFor(Duration.ofMinutes(5)));
        emu.script(CVM_2, TaskScript.success().runningFor(Duration.ofMinutes(5)));
        String id = client().invokeCommand(invokeOn(CVM_1, CVM_2)).invocationId();

        CancelInvocationResponse response = client().cancelInvocation(CancelInvocationRequest.of(id));

        assertThat(response.requestId()).isNotBlank();
        assertThat(emu.invocation(id).task(CVM_1).status()).isEqualTo("CANCELLED");
        assertThat(emu.invocation(id).task(CVM_2).status()).isEqualTo("TERMINATED");
    }

    @Test
    void theClientRefusesAMalformedRegionOrEndpoint() {
        assertThatThrownBy(() -> clientBuilder().region("Guangzhou").build())
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("Region"));
        assertThatThrownBy(() -> clientBuilder().endpoint(URI.create("ftp://tat.tencentcloudapi.com/x")).build())
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("Endpoint"));
        assertThatThrownBy(() -> clientBuilder().credential(null).build())
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("Credential"));
    }

    @Test
    void oneClientServesManyThreads() throws Exception {
        TatClient shared = client();
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<String> ids = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    ids.add(shared.invokeCommand(invokeOn(CVM_1)).invocationId());
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(errors).isEmpty();
        assertThat(ids).hasSize(8).doesNotHaveDuplicates();
        assertThat(emu.executed("InvokeCommand")).isEqualTo(8);
    }
}
