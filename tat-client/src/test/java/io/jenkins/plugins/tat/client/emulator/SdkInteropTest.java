package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import org.junit.jupiter.api.Test;

/**
 * The official Java SDK (an independent TC3 implementation) is accepted for every action, in each
 * of the ways it can be pointed at the emulator (docs/dev/protocol.md §6).
 */
class SdkInteropTest extends EmulatorTestSupport {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void invokeCommandSignedBySdkWithIpEndpoint() throws Exception {
        JsonNode response = call("InvokeCommand", json("{'CommandId':'cmd-abcd1234','InstanceIds':['ins-aaaa0001']}"));

        assertThat(response.get("InvocationId").asText()).matches("inv-[a-z0-9]{8}");
        assertThat(response.get("RequestId").asText()).matches(UUID_PATTERN);
        // The SDK derives the scope service from the endpoint: "127" for 127.0.0.1:<port>.
        assertThat(emu.requests().get(0).headers().get("authorization")).contains("/127/tc3_request");
    }

    @Test
    void describeInvocationsSignedBySdk() throws Exception {
        String invocationId = invoke(INSTANCE_1);

        JsonNode response = call("DescribeInvocations", "{}");

        assertThat(response.get("TotalCount").asInt()).isEqualTo(1);
        assertThat(response.get("InvocationSet").get(0).get("InvocationId").asText()).isEqualTo(invocationId);
    }

    @Test
    void describeInvocationTasksSignedBySdk() throws Exception {
        String invocationId = invoke(INSTANCE_1);

        JsonNode response = call("DescribeInvocationTasks", "{}");

        assertThat(response.get("InvocationTaskSet").get(0).get("InvocationId").asText()).isEqualTo(invocationId);
    }

    @Test
    void describeCommandsSignedBySdk() throws Exception {
        JsonNode response = call("DescribeCommands", "{}");

        assertThat(response.get("CommandSet").get(0).get("CommandId").asText()).isEqualTo(COMMAND_ID);
    }

    @Test
    void cancelInvocationSignedBySdk() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().pendingFor(java.time.Duration.ofSeconds(5)));
        String invocationId = invoke(INSTANCE_1);

        JsonNode response = call("CancelInvocation", "{\"InvocationId\":\"" + invocationId + "\"}");

        assertThat(response.get("RequestId").asText()).matches(UUID_PATTERN);
        assertThat(emu.invocation(invocationId).status()).isEqualTo("CANCELLED");
    }

    @Test
    void sdkWithLocalhostEndpointSignsServiceWithPort() throws Exception {
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint("localhost:" + emu.port());
        CommonClient client = new CommonClient("tat", "2020-10-28", new Credential(SECRET_ID, SECRET_KEY), REGION,
                new ClientProfile(ClientProfile.SIGN_TC3_256, http));

        call(client, "DescribeCommands", "{}");

        assertThat(emu.requests().get(0).headers().get("authorization")).contains("/localhost:" + emu.port() + "/tc3_request");
    }

    @Test
    void sdkThroughProxyKeepsRealHostAndSignsServiceTat() throws Exception {
        // Option B of docs/dev/protocol.md §6: the emulator acts as the HTTP proxy, so OkHttp sends the
        // absolute-form request line with Host: tat.tencentcloudapi.com. Nothing leaves loopback.
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint("tat.tencentcloudapi.com");
        http.setProxyHost("127.0.0.1");
        http.setProxyPort(emu.port());
        CommonClient client = new CommonClient("tat", "2020-10-28", new Credential(SECRET_ID, SECRET_KEY), REGION,
                new ClientProfile(ClientProfile.SIGN_TC3_256, http));

        JsonNode response = call(client, "DescribeCommands", "{}");

        assertThat(response.get("TotalCount").asInt()).isEqualTo(1);
        RecordedRequest recorded = emu.requests().get(0);
        assertThat(recorded.headers().get("host")).isEqualTo("tat.tencentcloudapi.com");
        assertThat(recorded.headers().get("authorization")).contains("/tat/tc3_request");
    }

    @Test
    void temporaryKeyWithMatchingTokenIsAccepted() throws Exception {
        emu.account("AKIDsts", "stsKey", "sessionToken");

        JsonNode response = call(sdk(new Credential("AKIDsts", "stsKey", "sessionToken"), REGION), "DescribeCommands", "{}");

        assertThat(response.get("TotalCount").asInt()).isEqualTo(1);
        assertThat(emu.requests().get(0).headers()).containsEntry("x-tc-token", "sessionToken");
    }

    @Test
    void recordsWhatItReceived() throws Exception {
        call("DescribeCommands", "{\"Limit\":5}");

        RecordedRequest recorded = emu.requests().get(0);
        assertThat(recorded.action()).isEqualTo("DescribeCommands");
        assertThat(recorded.body()).isEqualTo("{\"Limit\":5}");
        assertThat(recorded.headers()).containsEntry("x-tc-region", REGION).containsEntry("x-tc-version", "2020-10-28");
        assertThat(recorded.receivedAt()).isEqualTo(clock.instant());
        assertThat(recorded.errorCode()).isNull();
        assertThat(recorded.faults()).isEmpty();
        assertThat(emu.received("DescribeCommands")).isEqualTo(1);
        assertThat(emu.executed("DescribeCommands")).isEqualTo(1);
    }
}
