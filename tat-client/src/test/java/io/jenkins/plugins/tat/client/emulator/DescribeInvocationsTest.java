package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DescribeInvocations: fields, selection, paging and its errors (docs/dev/protocol.md §4, §4.3). */
class DescribeInvocationsTest extends EmulatorTestSupport {

    private static List<String> ids(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.get("InvocationSet").forEach(inv -> ids.add(inv.get("InvocationId").asText()));
        return ids;
    }

    @Test
    void reportsTheDocumentedFields() throws Exception {
        String id = invoke(INSTANCE_1, INSTANCE_2);

        JsonNode invocation = invocationOf(id);

        assertThat(invocation.get("CommandId").asText()).isEqualTo(COMMAND_ID);
        assertThat(invocation.get("CommandName").asText()).isEqualTo("deploy");
        assertThat(invocation.get("InvocationStatus").asText()).isEqualTo("SUCCESS");
        assertThat(invocation.get("InvocationTaskBasicInfoSet")).hasSize(2);
        assertThat(invocation.get("InvocationTaskBasicInfoSet").get(0).get("InstanceId").asText()).isEqualTo(INSTANCE_1);
        assertThat(invocation.get("InvocationTaskBasicInfoSet").get(0).get("TaskStatus").asText()).isEqualTo("SUCCESS");
        assertThat(invocation.get("InvocationTaskBasicInfoSet").get(0).get("InvocationTaskId").asText()).startsWith("invt-");
        assertThat(invocation.get("CreatedTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(invocation.get("StartTime").asText()).isEqualTo(invocation.get("CreatedTime").asText());
        assertThat(invocation.get("EndTime").isNull()).isFalse();
        assertThat(invocation.get("InstanceKind").asText()).isEqualTo("CVM");
        assertThat(invocation.get("InvocationSource").asText()).isEqualTo("USER");
        assertThat(new String(Base64.getDecoder().decode(invocation.get("CommandContent").asText()))).isEqualTo("echo deploy");
        assertThat(invocation.get("CommandType").asText()).isEqualTo("SHELL");
        assertThat(invocation.get("DefaultParameters").asText()).isEqualTo("{}");
        for (String field : List.of("Description", "UpdatedTime", "Parameters", "Username", "Timeout",
                "WorkingDirectory", "OutputCOSBucketUrl", "OutputCOSKeyPrefix")) {
            assertThat(invocation.has(field)).as(field).isTrue();
        }
    }

    @Test
    void listsOnlyTheRequestRegion() throws Exception {
        emu.instance(EmulatedInstance.cvm("ins-shanghai").region("ap-shanghai"));
        var shanghai = sdk(new com.tencentcloudapi.common.Credential(SECRET_ID, SECRET_KEY), "ap-shanghai");
        call(shanghai, "InvokeCommand", json("{'CommandId':'cmd-abcd1234','InstanceIds':['ins-shanghai']}"));
        String guangzhou = invoke(INSTANCE_1);

        assertThat(ids(call("DescribeInvocations", "{}"))).containsExactly(guangzhou);
        assertThat(call(shanghai, "DescribeInvocations", "{}").get("TotalCount").asInt()).isEqualTo(1);
    }

    @Test
    void pagesInCreationOrderWithTotalCount() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(invoke(INSTANCE_1));
        }

        JsonNode page = call("DescribeInvocations", json("{'Limit':2,'Offset':1}"));

        assertThat(page.get("TotalCount").asInt()).isEqualTo(5);
        assertThat(ids(page)).containsExactly(created.get(1), created.get(2));
        assertThat(ids(call("DescribeInvocations", json("{'Offset':4}")))).containsExactly(created.get(4));
        assertThat(ids(call("DescribeInvocations", json("{'Offset':5}")))).isEmpty();
    }

    @Test
    void defaultLimitIsTwenty() throws Exception {
        for (int i = 0; i < 21; i++) {
            invoke(INSTANCE_1);
        }

        JsonNode page = call("DescribeInvocations", "{}");

        assertThat(page.get("TotalCount").asInt()).isEqualTo(21);
        assertThat(page.get("InvocationSet")).hasSize(20);
    }

    @Test
    void filtersCombineWithAndValuesWithOr() throws Exception {
        emu.command(EmulatedCommand.builder("cmd-other001").createdBy("TAT").build());
        String first = invoke(INSTANCE_1);
        String second = invoke(INSTANCE_2);
        String other = call("InvokeCommand", json("{'CommandId':'cmd-other001','InstanceIds':['ins-aaaa0001']}"))
                .get("InvocationId").asText();

        assertThat(ids(call("DescribeInvocations", json("{'Filters':[{'Name':'command-id','Values':['cmd-abcd1234']}]}"))))
                .containsExactly(first, second);
        assertThat(ids(call("DescribeInvocations", json("{'Filters':[{'Name':'command-created-by','Values':['TAT']}]}"))))
                .containsExactly(other);
        assertThat(ids(call("DescribeInvocations", json("{'Filters':[{'Name':'instance-kind','Values':['LIGHTHOUSE']}]}"))))
                .isEmpty();
        assertThat(ids(call("DescribeInvocations", "{\"Filters\":[{\"Name\":\"invocation-id\",\"Values\":[\"" + first
                + "\",\"" + other + "\"]},{\"Name\":\"command-id\",\"Values\":[\"cmd-abcd1234\"]}]}")))
                .containsExactly(first);
    }

    @Test
    void idsAndFiltersTogetherConflict() throws Exception {
        String id = invoke(INSTANCE_1);

        assertThat(errorCode("DescribeInvocations", "{\"InvocationIds\":[\"" + id
                + "\"],\"Filters\":[{\"Name\":\"command-id\",\"Values\":[\"cmd-abcd1234\"]}]}"))
                .isEqualTo("InvalidParameter.ConflictParameter");
    }

    @Test
    void limitAboveHundredIsInvalidParameterValue() {
        assertThat(errorCode("DescribeInvocations", json("{'Limit':101}"))).isEqualTo("InvalidParameterValue");
        assertThat(errorCode("DescribeInvocations", json("{'Limit':0}"))).isEqualTo("InvalidParameterValue");
        assertThat(errorCode("DescribeInvocations", json("{'Offset':-1}"))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void tooManyFiltersOrValuesIsFilterValueExceeded() {
        String filter = "{\"Name\":\"command-id\",\"Values\":[\"cmd-abcd1234\"]}";
        String elevenFilters = "{\"Filters\":[" + String.join(",", java.util.Collections.nCopies(11, filter)) + "]}";
        String sixValues = json("{'Filters':[{'Name':'command-id','Values':['cmd-a0000001','cmd-a0000002','cmd-a0000003',"
                + "'cmd-a0000004','cmd-a0000005','cmd-a0000006']}]}");

        assertThat(errorCode("DescribeInvocations", elevenFilters)).isEqualTo("LimitExceeded.FilterValueExceeded");
        assertThat(errorCode("DescribeInvocations", sixValues)).isEqualTo("LimitExceeded.FilterValueExceeded");
    }

    @Test
    void unknownFilterNameIsInvalidFilter() {
        assertThat(errorCode("DescribeInvocations", json("{'Filters':[{'Name':'instance-id','Values':['ins-aaaa0001']}]}")))
                .isEqualTo("InvalidParameterValue.InvalidFilter");
    }

    @Test
    void malformedInvocationIdIsInvalidInvocationId() {
        assertThat(errorCode("DescribeInvocations", json("{'InvocationIds':['inv-X']}")))
                .isEqualTo("InvalidParameterValue.InvalidInvocationId");
        assertThat(errorCode("DescribeInvocations", json("{'Filters':[{'Name':'invocation-id','Values':['x']}]}")))
                .isEqualTo("InvalidParameterValue.InvalidInvocationId");
    }

    @Test
    void unknownButWellFormedIdMatchesNothing() throws Exception {
        invoke(INSTANCE_1);

        assertThat(call("DescribeInvocations", json("{'InvocationIds':['inv-zzzzzzzz']}")).get("TotalCount").asInt()).isZero();
    }
}
