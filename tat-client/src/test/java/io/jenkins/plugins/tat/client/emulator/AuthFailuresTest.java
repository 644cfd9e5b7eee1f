package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.Credential;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each authentication failure, over HTTP, with the code the service documents (docs/dev/protocol.md §3.1). */
class AuthFailuresTest extends EmulatorTestSupport {

    private static final String INVOKE = json("{'CommandId':'cmd-abcd1234','InstanceIds':['ins-aaaa0001']}");

    @Test
    void wrongSecretKeyIsSignatureFailure() {
        String code = errorCode(sdk(new Credential(SECRET_ID, "wrongKey"), REGION), "InvokeCommand", INVOKE);

        assertThat(code).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(emu.executed("InvokeCommand")).isZero();
        assertThat(emu.invocations()).isEmpty();
    }

    @Test
    void unknownSecretIdIsSecretIdNotFound() {
        assertThat(errorCode(sdk(new Credential("AKIDunknown", SECRET_KEY), REGION), "InvokeCommand", INVOKE))
                .isEqualTo("AuthFailure.SecretIdNotFound");
    }

    @Test
    void clientClockFarBehindServerIsSignatureExpire() {
        clock.advance(Duration.ofMinutes(10)); // the server is 10 minutes ahead of the SDK's clock

        assertThat(errorCode("InvokeCommand", INVOKE)).isEqualTo("AuthFailure.SignatureExpire");
    }

    @Test
    void clientClockFarAheadOfServerIsSignatureExpire() {
        clock.advance(Duration.ofMinutes(-10));

        assertThat(errorCode("InvokeCommand", INVOKE)).isEqualTo("AuthFailure.SignatureExpire");
    }

    @Test
    void wrongSessionTokenIsTokenFailure() {
        emu.account("AKIDsts", "stsKey", "sessionToken");

        assertThat(errorCode(sdk(new Credential("AKIDsts", "stsKey", "otherToken"), REGION), "InvokeCommand", INVOKE))
                .isEqualTo("AuthFailure.TokenFailure");
    }

    @Test
    void missingSessionTokenIsTokenFailure() {
        emu.account("AKIDsts", "stsKey", "sessionToken");

        assertThat(errorCode(sdk(new Credential("AKIDsts", "stsKey"), REGION), "InvokeCommand", INVOKE))
                .isEqualTo("AuthFailure.TokenFailure");
    }

    @Test
    void bodyTamperedAfterSigningIsSignatureFailure() throws Exception {
        RawTatClient.Call call = new RawTatClient.Call("InvokeCommand", INVOKE);
        call.afterSigning = body -> new String(body, StandardCharsets.UTF_8)
                .replace("ins-aaaa0001", "ins-aaaa0002").getBytes(StandardCharsets.UTF_8);

        RawTatClient.Reply reply = new RawTatClient(emu).send(call);

        assertThat(reply.errorCode()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(emu.invocations()).isEmpty();
    }

    @Test
    void untamperedRawRequestIsAccepted() throws Exception {
        // The control for the test above: the same request without tampering succeeds.
        RawTatClient.Reply reply = new RawTatClient(emu).send("InvokeCommand", INVOKE);

        assertThat(reply.errorCode()).isNull();
        assertThat(reply.response().get("InvocationId").asText()).startsWith("inv-");
    }

    @Test
    void otherScopeServiceIsSignatureFailure() throws Exception {
        RawTatClient.Call call = new RawTatClient.Call("InvokeCommand", INVOKE);
        call.service = "cbs";

        assertThat(new RawTatClient(emu).send(call).errorCode()).isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void aScopeNamingAListingProductGoesToThatProduct() throws Exception {
        RawTatClient.Call call = new RawTatClient.Call("InvokeCommand", INVOKE);
        call.service = "cvm"; // served on the same port (FleetInstance): CVM has no version 2020-10-28

        assertThat(new RawTatClient(emu).send(call).errorCode()).isEqualTo("NoSuchVersion");
    }

    @Test
    void missingAuthorizationIsInvalidAuthorization() throws Exception {
        RawTatClient.Call call = new RawTatClient.Call("InvokeCommand", INVOKE);
        call.authorization = "TC3-HMAC-SHA256";

        assertThat(new RawTatClient(emu).send(call).errorCode()).isEqualTo("AuthFailure.InvalidAuthorization");
    }

    @Test
    void authFailureIsAnsweredWithHttp200AndRequestId() throws Exception {
        RawTatClient.Call call = new RawTatClient.Call("InvokeCommand", INVOKE);
        call.secretKey = "wrong";

        RawTatClient.Reply reply = new RawTatClient(emu).send(call);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.response().get("Error").get("Message").asText()).isNotBlank();
        assertThat(reply.response().get("RequestId").asText()).isNotBlank();
        assertThat(emu.requests().get(0).errorCode()).isEqualTo("AuthFailure.SignatureFailure");
    }
}
