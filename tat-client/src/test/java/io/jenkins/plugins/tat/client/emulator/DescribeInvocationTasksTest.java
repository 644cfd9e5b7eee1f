package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DescribeInvocationTasks: fields, HideOutput, order, selection, paging (docs/dev/protocol.md §4.4). */
class DescribeInvocationTasksTest extends EmulatorTestSupport {

    private static List<String> taskInstances(JsonNode response) {
        List<String> instances = new ArrayList<>();
        response.get("InvocationTaskSet").forEach(task -> instances.add(task.get("InstanceId").asText()));
        return instances;
    }

    @Test
    void hidesOutputUnlessHideOutputIsFalse() throws Exception {
        emu.scriptDefault(TaskScript.success().output("ok\n"));
        String id = invoke(INSTANCE_1);
        String byInvocation = "{\"Filters\":[{\"Name\":\"invocation-id\",\"Values\":[\"" + id + "\"]}]";

        JsonNode hiddenByDefault = call("DescribeInvocationTasks", byInvocation + "}").get("InvocationTaskSet").get(0);
        JsonNode hidden = call("DescribeInvocationTasks", byInvocation + ",\"HideOutput\":true}").get("InvocationTaskSet").get(0);
        JsonNode shown = call("DescribeInvocationTasks", byInvocation + ",\"HideOutput\":false}").get("InvocationTaskSet").get(0);

        assertThat(hiddenByDefault.get("TaskResult").get("Output").asText()).isEmpty();
        assertThat(hidden.get("TaskResult").get("Output").asText()).isEmpty();
        assertThat(shown.get("TaskResult").get("Output").asText()).isEqualTo("b2sK");
    }

    @Test
    void outputBytesNeedNotBeUtf8() throws Exception {
        byte[] invalidUtf8 = {(byte) 0xC3, (byte) 0x28, 'x', (byte) 0xFF};
        emu.script(INSTANCE_1, TaskScript.failure(3).output(invalidUtf8).dropped(1024).outputUrl("https://cos/log.txt"));

        JsonNode result = taskOf(invoke(INSTANCE_1)).get("TaskResult");

        assertThat(Base64.getDecoder().decode(result.get("Output").asText())).containsExactly(invalidUtf8);
        assertThat(result.get("ExitCode").asLong()).isEqualTo(3);
        assertThat(result.get("Dropped").asLong()).isEqualTo(1024);
        assertThat(result.get("OutputUrl").asText()).isEqualTo("https://cos/log.txt");
    }

    @Test
    void reportsTheDocumentedFields() throws Exception {
        String id = invoke(INSTANCE_1);

        JsonNode task = taskOf(id);

        assertThat(task.get("InvocationId").asText()).isEqualTo(id);
        assertThat(task.get("InvocationTaskId").asText()).isEqualTo(emu.invocation(id).task(INSTANCE_1).taskId());
        assertThat(task.get("CommandId").asText()).isEqualTo(COMMAND_ID);
        assertThat(task.get("TaskStatus").asText()).isEqualTo("SUCCESS");
        assertThat(task.get("ErrorInfo").asText()).isEmpty();
        assertThat(task.get("InvocationSource").asText()).isEqualTo("USER");
        for (String field : List.of("CommandName", "StartTime", "EndTime", "CreatedTime", "UpdatedTime")) {
            assertThat(task.has(field)).as(field).isTrue();
        }
        JsonNode result = task.get("TaskResult");
        for (String field : List.of("ExitCode", "Output", "ExecStartTime", "ExecEndTime", "Dropped", "OutputUrl",
                "OutputUploadCOSErrorInfo")) {
            assertThat(result.has(field)).as(field).isTrue();
        }
        JsonNode document = task.get("CommandDocument");
        assertThat(new String(Base64.getDecoder().decode(document.get("Content").asText()))).isEqualTo("echo deploy");
        assertThat(document.get("CommandType").asText()).isEqualTo("SHELL");
        assertThat(document.get("Timeout").asLong()).isEqualTo(60);
        assertThat(document.get("WorkingDirectory").asText()).isEqualTo("/root");
        assertThat(document.get("Username").asText()).isEqualTo("root");
    }

    @Test
    void listsTasksInCreationOrderAndPages() throws Exception {
        invoke(INSTANCE_2, INSTANCE_1);
        invoke(INSTANCE_1);

        JsonNode all = call("DescribeInvocationTasks", "{}");
        JsonNode page = call("DescribeInvocationTasks", json("{'Limit':1,'Offset':1}"));

        assertThat(all.get("TotalCount").asInt()).isEqualTo(3);
        assertThat(taskInstances(all)).containsExactly(INSTANCE_2, INSTANCE_1, INSTANCE_1);
        assertThat(page.get("TotalCount").asInt()).isEqualTo(3);
        assertThat(taskInstances(page)).containsExactly(INSTANCE_1);
    }

    @Test
    void createInvocationMakesMoreTasksThanOneInvokeCommandMay() throws Exception {
        List<String> instanceIds = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String id = String.format("ins-big%05d", i);
            emu.instance(EmulatedInstance.cvm(id));
            instanceIds.add(id);
        }

        String id = emu.createInvocation(COMMAND_ID, instanceIds);

        JsonNode lastPage = call("DescribeInvocationTasks", json("{'Offset':200,'Limit':100,'Filters':[{'Name':"
                + "'invocation-id','Values':['" + id + "']}]}"));
        assertThat(lastPage.get("TotalCount").asInt()).isEqualTo(250);
        assertThat(lastPage.get("InvocationTaskSet")).hasSize(50);
        assertThat(lastPage.get("InvocationTaskSet").get(49).get("InstanceId").asText()).isEqualTo("ins-big00249");
        assertThat(emu.invocation(id).tasks()).extracting(EmulatedTask::instanceId).containsExactlyElementsOf(instanceIds);
        assertThat(emu.received("InvokeCommand")).isZero();
    }

    @Test
    void anInvocationSeededWithASavedIdIsAnsweredForThatId() throws Exception {
        String id = emu.createInvocation("inv-saved001", COMMAND_ID, List.of(INSTANCE_1, INSTANCE_2));

        JsonNode tasks = call("DescribeInvocationTasks", json("{'Filters':[{'Name':'invocation-id','Values':['"
                + id + "']}]}"));
        assertThat(id).isEqualTo("inv-saved001");
        assertThat(tasks.get("TotalCount").asInt()).isEqualTo(2);
        assertThat(call("DescribeInvocations", "{\"InvocationIds\":[\"inv-saved001\"]}").get("TotalCount").asInt())
                .isEqualTo(1);
        assertThatThrownBy(() -> emu.createInvocation("inv-saved001", COMMAND_ID,
                List.of(INSTANCE_1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.createInvocation("cmd-saved001", COMMAND_ID,
                List.of(INSTANCE_1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(emu.received("InvokeCommand")).isZero();
    }

    @Test
    void selectsByTaskIdsOrFilters() throws Exception {
        String first = invoke(INSTANCE_1, INSTANCE_2);
        invoke(INSTANCE_2);
        String taskId = emu.invocation(first).task(INSTANCE_2).taskId();

        assertThat(call("DescribeInvocationTasks", "{\"InvocationTaskIds\":[\"" + taskId + "\"]}").get("TotalCount").asInt())
                .isEqualTo(1);
        assertThat(call("DescribeInvocationTasks", json("{'Filters':[{'Name':'instance-id','Values':['ins-aaaa0002']}]}"))
                .get("TotalCount").asInt()).isEqualTo(2);
        assertThat(call("DescribeInvocationTasks", "{\"Filters\":[{\"Name\":\"invocation-id\",\"Values\":[\"" + first
                + "\"]},{\"Name\":\"instance-id\",\"Values\":[\"ins-aaaa0002\"]}]}").get("TotalCount").asInt()).isEqualTo(1);
        assertThat(call("DescribeInvocationTasks", "{\"Filters\":[{\"Name\":\"invocation-task-id\",\"Values\":[\""
                + taskId + "\"]}]}").get("InvocationTaskSet").get(0).get("InstanceId").asText()).isEqualTo(INSTANCE_2);
        assertThat(call("DescribeInvocationTasks", json("{'Filters':[{'Name':'command-id','Values':['cmd-abcd1234']}]}"))
                .get("TotalCount").asInt()).isEqualTo(3);
    }

    @Test
    void rejectsMalformedIdsWithTheirCodes() {
        assertThat(errorCode("DescribeInvocationTasks", json("{'InvocationTaskIds':['inv-abcdefgh']}")))
                .isEqualTo("InvalidParameterValue.InvalidInvocationTaskId");
        assertThat(errorCode("DescribeInvocationTasks", json("{'Filters':[{'Name':'instance-id','Values':['i-1']}]}")))
                .isEqualTo("InvalidParameterValue.InvalidInstanceId");
        assertThat(errorCode("DescribeInvocationTasks", json("{'Filters':[{'Name':'command-id','Values':['cmd']}]}")))
                .isEqualTo("InvalidParameterValue.InvalidCommandId");
    }

    @Test
    void rejectsConflictsAndBadPaging() {
        assertThat(errorCode("DescribeInvocationTasks", json("{'InvocationTaskIds':['invt-abcdefgh'],"
                + "'Filters':[{'Name':'instance-id','Values':['ins-aaaa0001']}]}")))
                .isEqualTo("InvalidParameter.ConflictParameter");
        assertThat(errorCode("DescribeInvocationTasks", json("{'Limit':1000}"))).isEqualTo("InvalidParameterValue");
        assertThat(errorCode("DescribeInvocationTasks", json("{'Filters':[{'Name':'task-status','Values':['SUCCESS']}]}")))
                .isEqualTo("InvalidParameterValue.InvalidFilter");
        assertThat(errorCode("DescribeInvocationTasks", json("{'HideOutput':'false'}"))).isEqualTo("InvalidParameter");
    }
}
