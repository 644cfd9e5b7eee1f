package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts an emulator per test with one account, one command and two online CVM instances in
 * ap-guangzhou, and talks to it with the official SDK's {@link CommonClient}, an independent TC3
 * implementation. The emulator clock is an {@link AdjustableClock} starting at the real time,
 * because the SDK signs with the real time.
 */
abstract class EmulatorTestSupport {

    static final String SECRET_ID = "AKIDtest";
    static final String SECRET_KEY = "secretKeyTest";
    static final String REGION = "ap-guangzhou";
    static final String COMMAND_ID = "cmd-abcd1234";
    static final String INSTANCE_1 = "ins-aaaa0001";
    static final String INSTANCE_2 = "ins-aaaa0002";

    static final ObjectMapper JSON = new ObjectMapper();

    TatEmulator emu;
    AdjustableClock clock;

    @BeforeEach
    void startEmulator() {
        clock = AdjustableClock.at(Instant.now());
        emu = TatEmulator.start().clock(clock).account(SECRET_ID, SECRET_KEY);
        emu.command(EmulatedCommand.builder(COMMAND_ID).name("deploy").content("echo deploy").build());
        emu.instance(EmulatedInstance.cvm(INSTANCE_1));
        emu.instance(EmulatedInstance.cvm(INSTANCE_2));
    }

    @AfterEach
    void stopEmulator() {
        emu.close();
    }

    /** JSON with single quotes for readability: {@code json("{'A':'b'}")}. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    CommonClient sdk() {
        return sdk(new Credential(SECRET_ID, SECRET_KEY), REGION);
    }

    /** A CommonClient pointed at the emulator with {@code setEndpoint("127.0.0.1:<port>")}. */
    CommonClient sdk(Credential credential, String region) {
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint(emu.hostAndPort());
        http.setConnTimeout(5);
        http.setReadTimeout(10);
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        return new CommonClient("tat", "2020-10-28", credential, region, profile);
    }

    /** Calls an action with the SDK and returns the {@code Response} object. */
    JsonNode call(String action, String body) throws TencentCloudSDKException {
        return call(sdk(), action, body);
    }

    static JsonNode call(CommonClient client, String action, String body) throws TencentCloudSDKException {
        try {
            return JSON.readTree(client.call(action, body)).get("Response");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Calls an action that must fail and returns the error code the SDK reports. */
    String errorCode(String action, String body) {
        return errorCode(sdk(), action, body);
    }

    static String errorCode(CommonClient client, String action, String body) {
        AtomicReference<TencentCloudSDKException> caught = new AtomicReference<>();
        assertThatThrownBy(() -> client.call(action, body))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, caught::set);
        return caught.get().getErrorCode();
    }

    /** Invokes the default command on the given instances and returns the InvocationId. */
    String invoke(String... instanceIds) throws TencentCloudSDKException {
        return call("InvokeCommand", "{\"CommandId\":\"" + COMMAND_ID + "\",\"InstanceIds\":"
                + JSON.valueToTree(instanceIds) + "}").get("InvocationId").asText();
    }

    /** The InvocationTaskSet of one invocation, output shown. */
    JsonNode tasksOf(String invocationId) throws TencentCloudSDKException {
        return call("DescribeInvocationTasks", json("{'HideOutput':false,'Filters':[{'Name':'invocation-id','Values':['"
                + invocationId + "']}]}")).get("InvocationTaskSet");
    }

    /** The single task of an invocation on one instance. */
    JsonNode taskOf(String invocationId) throws TencentCloudSDKException {
        return tasksOf(invocationId).get(0);
    }

    JsonNode invocationOf(String invocationId) throws TencentCloudSDKException {
        return call("DescribeInvocations", "{\"InvocationIds\":[\"" + invocationId + "\"]}").get("InvocationSet").get(0);
    }
}
