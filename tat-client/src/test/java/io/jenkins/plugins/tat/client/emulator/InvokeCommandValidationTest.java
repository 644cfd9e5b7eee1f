package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every InvokeCommand validation error (docs/dev/protocol.md §3.2, §4.1, §8), each sent by the SDK; none of
 * them may create an invocation.
 */
class InvokeCommandValidationTest extends EmulatorTestSupport {

    private static final String PARAM_COMMAND = "cmd-param001";

    @BeforeEach
    void registerFixtures() {
        emu.command(EmulatedCommand.builder(PARAM_COMMAND).enableParameter(true)
                .defaultParameter("version", "1.0").declaredParameter("env").build());
        emu.instance(EmulatedInstance.lighthouse("lhins-bbbb0001"));
        emu.instance(EmulatedInstance.managed("rins-cccc0001"));
        emu.instance(EmulatedInstance.cvm("ins-offline1").agentOnline(false));
        emu.instance(EmulatedInstance.cvm("ins-stopped1").running(false));
        emu.instance(EmulatedInstance.cvm("ins-shanghai").region("ap-shanghai"));
    }

    /** {@code {"CommandId":..., "InstanceIds":[ins-aaaa0001], <field>: <value>}} built with Jackson. */
    private static String invoke(String commandId, String field, Object value) {
        ObjectNode body = JSON.createObjectNode();
        body.put("CommandId", commandId);
        body.putArray("InstanceIds").add(INSTANCE_1);
        if (field != null) {
            body.set(field, JSON.valueToTree(value));
        }
        return body.toString();
    }

    private static String withParameters(String parametersText) {
        return invoke(PARAM_COMMAND, "Parameters", parametersText);
    }

    private static String onInstances(String... instanceIds) {
        ObjectNode body = JSON.createObjectNode();
        body.put("CommandId", COMMAND_ID);
        ArrayNode ids = body.putArray("InstanceIds");
        Stream.of(instanceIds).forEach(ids::add);
        return body.toString();
    }

    static Stream<Arguments> invalidRequests() {
        String manyParameters = IntStream.range(0, 21).mapToObj(i -> "\"k" + i + "\":\"v\"")
                .collect(Collectors.joining(",", "{\"env\":\"x\",", "}"));
        return Stream.of(
                Arguments.of("CommandId missing", json("{'InstanceIds':['ins-aaaa0001']}"), "MissingParameter"),
                Arguments.of("InstanceIds missing", json("{'CommandId':'cmd-abcd1234'}"), "MissingParameter"),
                Arguments.of("InstanceIds empty", json("{'CommandId':'cmd-abcd1234','InstanceIds':[]}"), "MissingParameter"),
                Arguments.of("unknown field", invoke(COMMAND_ID, "CommandContent", "x"), "UnknownParameter"),
                Arguments.of("Timeout not a number", invoke(COMMAND_ID, "Timeout", "60"), "InvalidParameter"),
                Arguments.of("Parameters as an object", invoke(PARAM_COMMAND, "Parameters", java.util.Map.of("env", "x")),
                        "InvalidParameter"),
                Arguments.of("malformed CommandId", invoke("cmd-ABC", null, null), "InvalidParameterValue.InvalidCommandId"),
                Arguments.of("unknown command", invoke("cmd-zzzz9999", null, null), "ResourceNotFound.CommandNotFound"),
                Arguments.of("malformed instance", onInstances("i-123"), "InvalidParameterValue.InvalidInstanceId"),
                Arguments.of("unknown instance", onInstances("ins-zzzz9999"), "ResourceNotFound.InstanceNotFound"),
                Arguments.of("instance in another region", onInstances("ins-shanghai"), "ResourceNotFound.InstanceNotFound"),
                Arguments.of("CVM and Lighthouse", onInstances(INSTANCE_1, "lhins-bbbb0001"),
                        "InvalidParameterValue.InconsistentInstance"),
                Arguments.of("CVM and managed", onInstances(INSTANCE_1, "rins-cccc0001"),
                        "InvalidParameterValue.InconsistentInstance"),
                Arguments.of("same instance twice", onInstances(INSTANCE_1, INSTANCE_1), "InvalidParameterValue"),
                Arguments.of("201 instances", onInstances(IntStream.range(0, 201)
                        .mapToObj(i -> String.format("ins-%08d", i)).toArray(String[]::new)),
                        "InvalidParameterValue.LimitExceeded"),
                Arguments.of("agent offline", onInstances("ins-offline1"), "ResourceUnavailable.AgentStatusNotOnline"),
                Arguments.of("instance stopped", onInstances("ins-stopped1"), "ResourceUnavailable.InstanceStateNotRunning"),
                Arguments.of("Parameters on a command without EnableParameter", invoke(COMMAND_ID, "Parameters", "{}"),
                        "InvalidParameterValue.ParameterDisabled"),
                Arguments.of("Parameters not JSON", withParameters("env=prod"),
                        "InvalidParameterValue.ParameterInvalidJsonFormat"),
                Arguments.of("Parameters a JSON array", withParameters("[\"env\"]"),
                        "InvalidParameterValue.ParameterInvalidJsonFormat"),
                Arguments.of("Parameters with trailing text", withParameters("{\"env\":\"x\"} {}"),
                        "InvalidParameterValue.ParameterInvalidJsonFormat"),
                Arguments.of("duplicate key", withParameters("{\"env\":\"a\",\"env\":\"b\"}"),
                        "InvalidParameterValue.ParameterKeyDuplicated"),
                Arguments.of("number value", withParameters("{\"env\":1}"),
                        "InvalidParameterValue.ParameterValueNotString"),
                Arguments.of("nested value", withParameters("{\"env\":{\"a\":\"b\"}}"),
                        "InvalidParameterValue.ParameterValueNotString"),
                Arguments.of("22 parameters", withParameters(manyParameters),
                        "InvalidParameterValue.ParameterNumberExceeded"),
                Arguments.of("65-character key", withParameters("{\"env\":\"x\",\"" + "k".repeat(65) + "\":\"v\"}"),
                        "InvalidParameterValue.ParameterKeyLenExceeded"),
                Arguments.of("key with a dot", withParameters("{\"env\":\"x\",\"a.b\":\"v\"}"),
                        "InvalidParameterValue.ParameterKeyContainsInvalidChar"),
                Arguments.of("declared parameter without default not given", withParameters("{\"version\":\"2\"}"),
                        "InvalidParameterValue.LackOfParameters"),
                Arguments.of("Parameters omitted though one has no default", invoke(PARAM_COMMAND, null, null),
                        "InvalidParameterValue.LackOfParameters"),
                Arguments.of("Timeout 0", invoke(COMMAND_ID, "Timeout", 0), "InvalidParameterValue.Range"),
                Arguments.of("Timeout 86401", invoke(COMMAND_ID, "Timeout", 86401), "InvalidParameterValue.Range"),
                Arguments.of("http bucket", invoke(COMMAND_ID, "OutputCOSBucketUrl", "http://b-1.cos.ap-beijing.myqcloud.com"),
                        "InvalidParameterValue.InvalidOutputCOSBucketUrl"),
                Arguments.of("61-character prefix", invoke(COMMAND_ID, "OutputCOSKeyPrefix", "p".repeat(61)),
                        "InvalidParameterValue.InvalidOutputCOSKeyPrefix"),
                Arguments.of("prefix with leading /", invoke(COMMAND_ID, "OutputCOSKeyPrefix", "/logs"),
                        "InvalidParameterValue.InvalidOutputCOSKeyPrefix"),
                Arguments.of("prefix with //", invoke(COMMAND_ID, "OutputCOSKeyPrefix", "logs//x"),
                        "InvalidParameterValue.InvalidOutputCOSKeyPrefix"),
                Arguments.of("prefix with .. segment", invoke(COMMAND_ID, "OutputCOSKeyPrefix", "logs/../x"),
                        "InvalidParameterValue.InvalidOutputCOSKeyPrefix"),
                Arguments.of("blank Username", invoke(COMMAND_ID, "Username", "  "), "InvalidParameter.InvalidUsername"),
                Arguments.of("blank WorkingDirectory", invoke(COMMAND_ID, "WorkingDirectory", ""),
                        "InvalidParameterValue.InvalidWorkingDirectory"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalidRequests")
    void rejectsWithDocumentedCode(String description, String body, String expectedCode) {
        assertThat(errorCode("InvokeCommand", body)).isEqualTo(expectedCode);
        assertThat(emu.invocations()).isEmpty();
        assertThat(emu.executed("InvokeCommand")).isZero();
        assertThat(emu.requests()).singleElement().extracting(RecordedRequest::errorCode).isEqualTo(expectedCode);
    }

    @Test
    void agentThatWentOfflineIsRefused() {
        emu.setAgentOnline(INSTANCE_1, false);

        assertThat(errorCode("InvokeCommand", onInstances(INSTANCE_1))).isEqualTo("ResourceUnavailable.AgentStatusNotOnline");
    }

    @Test
    void stoppedInstanceIsRefused() {
        emu.setInstanceRunning(INSTANCE_1, false);

        assertThat(errorCode("InvokeCommand", onInstances(INSTANCE_1))).isEqualTo("ResourceUnavailable.InstanceStateNotRunning");
    }

    @Test
    void limitBoundariesAreAccepted() throws Exception {
        String validEdges = JSON.createObjectNode()
                .put("CommandId", PARAM_COMMAND)
                .put("Timeout", 86400)
                .put("OutputCOSKeyPrefix", "p".repeat(60))
                .put("Parameters", "{\"env\":\"x\",\"" + "k".repeat(64) + "\":\"v\",\"a-b_C9\":\"v\"}")
                .set("InstanceIds", JSON.valueToTree(new String[] {INSTANCE_1}))
                .toString();

        assertThat(call("InvokeCommand", validEdges).get("InvocationId").asText()).startsWith("inv-");
    }
}
