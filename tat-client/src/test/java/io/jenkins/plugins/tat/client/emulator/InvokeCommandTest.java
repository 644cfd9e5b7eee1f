package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What a valid InvokeCommand creates (docs/dev/protocol.md §4.1). */
class InvokeCommandTest extends EmulatorTestSupport {

    @Test
    void createsOneTaskPerInstanceInOrder() throws Exception {
        String invocationId = invoke(INSTANCE_2, INSTANCE_1);

        EmulatedInvocation invocation = emu.invocation(invocationId);
        assertThat(invocationId).matches("inv-[a-z0-9]{8}");
        assertThat(invocation.commandId()).isEqualTo(COMMAND_ID);
        assertThat(invocation.region()).isEqualTo(REGION);
        assertThat(invocation.createdTime()).isEqualTo(clock.instant());
        assertThat(invocation.tasks()).extracting(EmulatedTask::instanceId).containsExactly(INSTANCE_2, INSTANCE_1);
        assertThat(invocation.tasks()).extracting(EmulatedTask::taskId).allMatch(id -> id.matches("invt-[a-z0-9]{8}"))
                .doesNotHaveDuplicates();
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void eachInvocationGetsItsOwnId() throws Exception {
        assertThat(invoke(INSTANCE_1)).isNotEqualTo(invoke(INSTANCE_1));
        assertThat(emu.invocations()).hasSize(2);
    }

    @Test
    void runSettingsDefaultToTheCommands() throws Exception {
        emu.command(EmulatedCommand.builder("cmd-defaults").timeout(120).workingDirectory("/opt").username("deploy").build());

        String id = call("InvokeCommand", json("{'CommandId':'cmd-defaults','InstanceIds':['ins-aaaa0001']}"))
                .get("InvocationId").asText();

        EmulatedInvocation invocation = emu.invocation(id);
        assertThat(invocation.timeoutSeconds()).isEqualTo(120);
        assertThat(invocation.workingDirectory()).isEqualTo("/opt");
        assertThat(invocation.username()).isEqualTo("deploy");
        assertThat(invocation.parameters()).isEqualTo("{}");
    }

    @Test
    void requestSettingsOverrideTheCommands() throws Exception {
        emu.command(EmulatedCommand.builder("cmd-params01").enableParameter(true).declaredParameter("env").build());
        String body = JSON.createObjectNode()
                .put("CommandId", "cmd-params01")
                .put("Timeout", 5)
                .put("WorkingDirectory", "/tmp")
                .put("Username", "nobody")
                .put("Parameters", "{\"env\":\"prod\"}")
                .put("OutputCOSBucketUrl", "https://logs-125.cos.ap-guangzhou.myqcloud.com")
                .put("OutputCOSKeyPrefix", "jenkins/build-1")
                .set("InstanceIds", JSON.valueToTree(new String[] {INSTANCE_1}))
                .toString();

        String id = call("InvokeCommand", body).get("InvocationId").asText();

        JsonNode described = invocationOf(id);
        assertThat(described.get("Timeout").asLong()).isEqualTo(5);
        assertThat(described.get("WorkingDirectory").asText()).isEqualTo("/tmp");
        assertThat(described.get("Username").asText()).isEqualTo("nobody");
        assertThat(described.get("Parameters").asText()).isEqualTo("{\"env\":\"prod\"}");
        assertThat(described.get("OutputCOSBucketUrl").asText()).isEqualTo("https://logs-125.cos.ap-guangzhou.myqcloud.com");
        assertThat(described.get("OutputCOSKeyPrefix").asText()).isEqualTo("jenkins/build-1");
    }

    @Test
    void lighthouseAndManagedInstancesCanBeInvokedSeparately() throws Exception {
        emu.instance(EmulatedInstance.lighthouse("lhins-bbbb0001"));
        emu.instance(EmulatedInstance.managed("rins-cccc0001"));

        assertThat(invoke("lhins-bbbb0001")).startsWith("inv-");
        assertThat(invoke("rins-cccc0001")).startsWith("inv-");
    }
}
