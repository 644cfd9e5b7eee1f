package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RunCommand (docs/dev/protocol.md §4.2), sent by the SDK: a script runs like a saved command, is saved
 * only with SaveCommand, and every invalid request is refused with its code and runs nothing.
 */
class RunCommandTest extends EmulatorTestSupport {

    @BeforeEach
    void registerFixtures() {
        emu.instance(EmulatedInstance.cvm("ins-offline1").agentOnline(false));
        emu.instance(EmulatedInstance.lighthouse("lhins-bbbb0001"));
    }

    private static String base64(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
    }

    /** A RunCommand of {@code script} on INSTANCE_1 with the given extra fields (name, value, ...). */
    private static String run(String script, Object... fields) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Content", base64(script));
        body.putArray("InstanceIds").add(INSTANCE_1);
        for (int i = 0; i < fields.length; i += 2) {
            body.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        return body.toString();
    }

    @Test
    void runsTheScriptAndAnswersTheCommandAndInvocationIds() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().output("hello from {{who}}\n"));

        JsonNode response = call("RunCommand", run("echo hello from {{who}}", "EnableParameter", true,
                "Parameters", "{\"who\":\"jenkins\"}", "CommandName", "say-hello", "Timeout", 30));

        String invocationId = response.get("InvocationId").asText();
        String commandId = response.get("CommandId").asText();
        assertThat(invocationId).startsWith("inv-");
        assertThat(commandId).startsWith("cmd-");
        EmulatedCommand command = emu.invocationCommand(invocationId);
        assertThat(command.content()).isEqualTo("echo hello from {{who}}");
        assertThat(command.name()).isEqualTo("say-hello");
        assertThat(emu.invocation(invocationId).timeoutSeconds()).isEqualTo(30);
        assertThat(emu.invocation(invocationId).commandId()).isEqualTo(commandId);
        assertThat(emu.hasCommand(commandId)).as("not saved without SaveCommand").isFalse();
        JsonNode task = tasksOf(invocationId).get(0);
        assertThat(task.get("TaskStatus").asText()).isEqualTo("SUCCESS");
        assertThat(new String(Base64.getDecoder().decode(task.get("TaskResult").get("Output").asText()),
                StandardCharsets.UTF_8)).isEqualTo("hello from jenkins\n");
    }

    @Test
    void saveCommandKeepsTheCommandForDescribeCommandsAndInvokeCommand() throws Exception {
        String commandId = call("RunCommand", run("echo {{v}}", "SaveCommand", true, "CommandName", "kept",
                "EnableParameter", true, "DefaultParameters", "{\"v\":\"1\"}")).get("CommandId").asText();

        assertThat(emu.hasCommand(commandId)).isTrue();
        JsonNode listed = call("DescribeCommands", "{\"CommandIds\":[\"" + commandId + "\"]}").get("CommandSet").get(0);
        assertThat(listed.get("CommandName").asText()).isEqualTo("kept");
        assertThat(listed.get("EnableParameter").asBoolean()).isTrue();
        assertThat(call("InvokeCommand", "{\"CommandId\":\"" + commandId + "\",\"InstanceIds\":[\"" + INSTANCE_2 + "\"]}")
                .get("InvocationId").asText()).startsWith("inv-");
        assertThat(call("RunCommand", run("echo x", "SaveCommand", true, "CommandName", "other")).get("CommandId").asText())
                .isNotEqualTo(commandId);
    }

    @Test
    void hiddenParameterValuesAreMaskedInTheRecordsNotInTheRun() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().output("used {{pw}}\n"));

        String invocationId = call("RunCommand", run("mysql -p'{{tat-hidden:pw}}' -e 'select 1'", "EnableParameter", true,
                "Parameters", "{\"pw\":\"s3cr3t\"}")).get("InvocationId").asText();

        JsonNode invocation = call("DescribeInvocations", "{\"InvocationIds\":[\"" + invocationId + "\"]}")
                .get("InvocationSet").get(0);
        assertThat(invocation.get("Parameters").asText()).isEqualTo("{\"pw\":\"******\"}");
        assertThat(emu.invocation(invocationId).parameters()).doesNotContain("s3cr3t");
        assertThat(new String(Base64.getDecoder().decode(tasksOf(invocationId).get(0).get("TaskResult").get("Output")
                .asText()), StandardCharsets.UTF_8)).isEqualTo("used s3cr3t\n");
    }

    @Test
    void windowsTypesGetTheWindowsDefaults() throws Exception {
        String invocationId = call("RunCommand", run("Write-Output hi", "CommandType", "POWERSHELL")).get("InvocationId").asText();

        assertThat(emu.invocation(invocationId).username()).isEqualTo("System");
        assertThat(emu.invocation(invocationId).workingDirectory()).isEqualTo("C:\\Program Files\\qcloud\\tat_agent\\workdir");
        assertThat(emu.invocationCommand(invocationId).type()).isEqualTo("POWERSHELL");
    }

    @Test
    void aScriptOfExactly64KbOfBase64IsAccepted() throws Exception {
        String script = "#".repeat(64 * 1024 / 4 * 3);

        assertThat(call("RunCommand", run(script)).get("InvocationId").asText()).startsWith("inv-");
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("Content missing", json("{'InstanceIds':['ins-aaaa0001']}"), "MissingParameter"),
                Arguments.of("InstanceIds missing", json("{'Content':'ZWNobw=='}"), "MissingParameter"),
                Arguments.of("Content not base64", json("{'Content':'echo hi','InstanceIds':['ins-aaaa0001']}"),
                        "InvalidParameterValue.InvalidContent"),
                Arguments.of("Content over 64 KB of base64", run("#".repeat(64 * 1024 / 4 * 3 + 1)),
                        "InvalidParameterValue.InvalidContent"),
                Arguments.of("unknown field", run("echo", "CommandId", "cmd-abcd1234"), "UnknownParameter"),
                Arguments.of("CommandName with a space", run("echo", "CommandName", "my command"),
                        "InvalidParameterValue.InvalidCommandName"),
                Arguments.of("CommandName of 61 bytes", run("echo", "CommandName", "n".repeat(61)),
                        "InvalidParameterValue.InvalidCommandName"),
                Arguments.of("CommandName of 21 Chinese characters", run("echo", "CommandName", "部".repeat(21)),
                        "InvalidParameterValue.InvalidCommandName"),
                Arguments.of("Description of 121 characters", run("echo", "Description", "d".repeat(121)),
                        "InvalidParameterValue.TooLong"),
                Arguments.of("CommandType lower case", run("echo", "CommandType", "shell"), "InvalidParameterValue"),
                Arguments.of("Timeout 0", run("echo", "Timeout", 0), "InvalidParameterValue.Range"),
                Arguments.of("CVM and Lighthouse", json("{'Content':'ZWNobw==','InstanceIds':['ins-aaaa0001','lhins-bbbb0001']}"),
                        "InvalidParameterValue.InconsistentInstance"),
                Arguments.of("Parameters without EnableParameter", run("echo {{a}}", "Parameters", "{\"a\":\"1\"}"),
                        "InvalidParameterValue.SupportParametersOnlyIfEnableParameter"),
                Arguments.of("both kinds of defaults", run("echo {{a}}", "EnableParameter", true,
                        "DefaultParameters", "{\"a\":\"1\"}",
                        "DefaultParameterConfs", List.of(Map.of("ParameterName", "a", "ParameterValue", "1"))),
                        "InvalidParameter.ConflictParameter"),
                Arguments.of("a conf twice", run("echo {{a}}", "EnableParameter", true, "DefaultParameterConfs",
                        List.of(Map.of("ParameterName", "a", "ParameterValue", "1"),
                                Map.of("ParameterName", "a", "ParameterValue", "2"))),
                        "InvalidParameter.ParameterNameDuplicated"),
                Arguments.of("a placeholder without a value", run("echo {{a}} {{b}}", "EnableParameter", true,
                        "Parameters", "{\"a\":\"1\"}"), "InvalidParameterValue.LackOfParameters"),
                Arguments.of("Parameters not JSON", run("echo {{a}}", "EnableParameter", true, "Parameters", "a=1"),
                        "InvalidParameterValue.ParameterInvalidJsonFormat"),
                Arguments.of("11 tags", run("echo", "SaveCommand", true, "Tags", Stream.generate(
                        () -> Map.of("Key", "k", "Value", "v")).limit(11).toList()), "InvalidParameterValue.LimitExceeded"),
                Arguments.of("agent offline", json("{'Content':'ZWNobw==','InstanceIds':['ins-offline1']}"),
                        "ResourceUnavailable.AgentStatusNotOnline"),
                Arguments.of("unknown instance", json("{'Content':'ZWNobw==','InstanceIds':['ins-zzzz9999']}"),
                        "ResourceNotFound.InstanceNotFound"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalidRequests")
    void rejectsWithTheDocumentedCodeAndRunsNothing(String description, String body, String expectedCode) {
        assertThat(errorCode("RunCommand", body)).isEqualTo(expectedCode);
        assertThat(emu.invocations()).isEmpty();
        assertThat(emu.executed("RunCommand")).isZero();
    }

    @Test
    void savingUnderANameInUseIsRefusedAndSavesNothing() throws Exception {
        call("RunCommand", run("echo 1", "SaveCommand", true, "CommandName", "dup"));

        assertThat(errorCode("RunCommand", run("echo 2", "SaveCommand", true, "CommandName", "dup")))
                .isEqualTo("InvalidParameterValue.CommandNameDuplicated");
        assertThat(emu.invocations()).hasSize(1);
    }
}
