package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each injected fault: what the client sees, and whether the action took effect (executed versus
 * received counts), which is what a retry policy must get right for InvokeCommand (docs/dev/protocol.md §3.1).
 */
class FaultsTest extends EmulatorTestSupport {

    private static final String INVOKE = json("{'CommandId':'cmd-abcd1234','InstanceIds':['ins-aaaa0001']}");

    @Test
    void requestLimitExceededForTheNextRequestsOnly() throws Exception {
        emu.faults().requestLimitExceeded(2);

        assertThat(errorCode("InvokeCommand", INVOKE)).isEqualTo("RequestLimitExceeded");
        assertThat(errorCode("DescribeCommands", "{}")).isEqualTo("RequestLimitExceeded");
        assertThat(invoke(INSTANCE_1)).startsWith("inv-");
        assertThat(emu.received("InvokeCommand")).isEqualTo(2);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
        assertThat(emu.requests().get(0).faults()).containsExactly(FaultKind.REQUEST_LIMIT_EXCEEDED);
        assertThat(emu.requests().get(0).errorCode()).isEqualTo("RequestLimitExceeded");
    }

    @Test
    void apiErrorAnswersTheChosenCodeAndExecutesNothing() throws Exception {
        emu.faults().forAction("InvokeCommand").apiError("InternalError", 1);

        assertThat(errorCode("InvokeCommand", INVOKE)).isEqualTo("InternalError");
        assertThat(emu.executed("InvokeCommand")).isZero();
        assertThat(emu.requests().get(0).faults()).containsExactly(FaultKind.API_ERROR);
        assertThat(invoke(INSTANCE_1)).startsWith("inv-");
    }

    @Test
    void apiErrorCanAnswerAMessageOfTheTestsChoosing() throws Exception {
        emu.faults().forAction("DescribeCommands").apiError("InvalidParameterValue", "Value `x` is not allowed.", 1);

        RawTatClient.Reply reply = new RawTatClient(emu).send("DescribeCommands", "{}");

        JsonNode error = JSON.readTree(reply.body()).get("Response").get("Error");
        assertThat(error.get("Code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(error.get("Message").asText()).isEqualTo("Value `x` is not allowed.");
        assertThat(emu.executed("DescribeCommands")).isZero();
    }

    @Test
    void faultForOneActionLeavesOthersAlone() throws Exception {
        emu.faults().forAction("InvokeCommand").requestLimitExceeded(1);

        assertThat(call("DescribeCommands", "{}").get("TotalCount").asInt()).isEqualTo(1);
        assertThat(errorCode("InvokeCommand", INVOKE)).isEqualTo("RequestLimitExceeded");
        assertThat(invoke(INSTANCE_1)).startsWith("inv-");
    }

    @Test
    void http500HasNonJsonBodyAndExecutesNothing() throws Exception {
        emu.faults().http500(1);

        RawTatClient.Reply reply = new RawTatClient(emu).send("InvokeCommand", INVOKE);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).doesNotStartWith("{");
        assertThat(emu.executed("InvokeCommand")).isZero();
        assertThat(emu.invocations()).isEmpty();
        assertThat(emu.requests().get(0).faults()).containsExactly(FaultKind.HTTP_500);
    }

    @Test
    void sdkReportsHttp500AsAnError() {
        emu.faults().http500(1);

        assertThatThrownBy(() -> sdk().call("InvokeCommand", INVOKE)).isInstanceOf(TencentCloudSDKException.class);
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void garbageBodyIsHttp200ThatIsNotJson() throws Exception {
        emu.faults().garbageBody(1);

        RawTatClient.Reply reply = new RawTatClient(emu).send("InvokeCommand", INVOKE);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).startsWith("<html>");
        assertThat(emu.executed("InvokeCommand")).isZero();
    }

    @Test
    void sdkCannotParseGarbageBody() {
        emu.faults().garbageBody(1);

        assertThatThrownBy(() -> sdk().call("DescribeCommands", "{}")).isInstanceOf(TencentCloudSDKException.class);
    }

    @Test
    void dropBeforeActionClosesWithoutResponseAndExecutesNothing() {
        emu.faults().forAction("InvokeCommand").dropBeforeAction(1);

        assertThatThrownBy(() -> sdk().call("InvokeCommand", INVOKE)).isInstanceOf(TencentCloudSDKException.class);

        // received == 1 also proves OkHttp did not silently resend the request.
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
        assertThat(emu.executed("InvokeCommand")).isZero();
        assertThat(emu.invocations()).isEmpty();
        assertThat(emu.requests().get(0).faults()).containsExactly(FaultKind.DROP_BEFORE_ACTION);
    }

    @Test
    void dropAfterActionClosesWithoutResponseButTheInvocationExists() {
        emu.faults().forAction("InvokeCommand").dropAfterAction(1);

        assertThatThrownBy(() -> sdk().call("InvokeCommand", INVOKE)).isInstanceOf(TencentCloudSDKException.class);

        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
        assertThat(emu.invocations()).singleElement().satisfies(inv -> assertThat(inv.commandId()).isEqualTo(COMMAND_ID));
        assertThat(emu.requests().get(0).faults()).containsExactly(FaultKind.DROP_AFTER_ACTION);
    }

    @Test
    void droppedConnectionIsAnIOExceptionForTheJdkClient() {
        emu.faults().dropBeforeAction(1);

        assertThatThrownBy(() -> new RawTatClient(emu).send("DescribeCommands", "{}")).isInstanceOf(IOException.class);
    }

    @Test
    void dropCountsDown() throws Exception {
        emu.faults().dropBeforeAction(1);
        assertThatThrownBy(() -> sdk().call("InvokeCommand", INVOKE)).isInstanceOf(TencentCloudSDKException.class);

        assertThat(invoke(INSTANCE_1)).startsWith("inv-");
        assertThat(emu.received("InvokeCommand")).isEqualTo(2);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void delayLetsTheClientTimeOutAfterTheActionTookEffect() {
        emu.faults().delay(Duration.ofSeconds(5));
        RawTatClient client = new RawTatClient(emu);

        assertThatThrownBy(() -> client.send(timeoutCall(Duration.ofMillis(500)))).isInstanceOf(HttpTimeoutException.class);

        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
        assertThat(emu.requests().get(0).faults()).containsExactly(FaultKind.DELAY);
    }

    @Test
    void shortDelayStillAnswers() throws Exception {
        emu.faults().delay(Duration.ofMillis(100));

        assertThat(call("DescribeCommands", "{}").get("TotalCount").asInt()).isEqualTo(1);
    }

    @Test
    void clearDisarmsEverything() throws Exception {
        emu.faults().http500(5).garbageBody(5).dropBeforeAction(5).throttlePerSecond(1);
        emu.faults().clear();

        assertThat(call("DescribeCommands", "{}").get("TotalCount").asInt()).isEqualTo(1);
        assertThat(call("DescribeCommands", "{}").get("TotalCount").asInt()).isEqualTo(1);
    }

    private static RawTatClient.Call timeoutCall(Duration timeout) {
        RawTatClient.Call call = new RawTatClient.Call("InvokeCommand", INVOKE);
        call.requestTimeout = timeout;
        return call;
    }
}
