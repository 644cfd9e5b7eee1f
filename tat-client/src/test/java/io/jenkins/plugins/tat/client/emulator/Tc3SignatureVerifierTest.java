package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier against the official worked examples of docs/dev/protocol.md §2.1 and against each way a
 * signature can be wrong. No HTTP here: requests are built as the server would have read them.
 */
class Tc3SignatureVerifierTest {

    /** Example inputs: the body bytes are literal ASCII, {@code \\u} escapes included. */
    private static final String EXAMPLE_BODY =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
    private static final long EXAMPLE_TIMESTAMP = 1551113065L;
    private static final Instant EXAMPLE_NOW = Instant.ofEpochSecond(EXAMPLE_TIMESTAMP);
    private static final String EXAMPLE_1_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private static final String EXAMPLE_1_SIGNATURE = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final Accounts accounts = new Accounts();
    private final Tc3SignatureVerifier verifier = new Tc3SignatureVerifier(accounts);

    private static RawHttpRequest request(String host, String authorization, String body, String... extraHeaders) {
        List<RawHttpRequest.Header> headers = new ArrayList<>(List.of(
                new RawHttpRequest.Header("Host", host),
                new RawHttpRequest.Header("Content-Type", CONTENT_TYPE),
                new RawHttpRequest.Header("X-TC-Action", "DescribeInstances"),
                new RawHttpRequest.Header("X-TC-Timestamp", Long.toString(EXAMPLE_TIMESTAMP)),
                new RawHttpRequest.Header("Authorization", authorization)));
        for (int i = 0; i < extraHeaders.length; i += 2) {
            headers.add(new RawHttpRequest.Header(extraHeaders[i], extraHeaders[i + 1]));
        }
        return new RawHttpRequest("POST", "/", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String example1Authorization() {
        return "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature="
                + EXAMPLE_1_SIGNATURE;
    }

    /** Signs for host {@code cvm.tencentcloudapi.com} with the example key, varying one input. */
    private static String sign(String secretId, String service, String scopeDate, String body) {
        return TestTc3Signer.authorization(secretId, EXAMPLE_1_KEY, service, EXAMPLE_TIMESTAMP, scopeDate,
                Map.of("Content-Type", CONTENT_TYPE, "Host", "cvm.tencentcloudapi.com"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private String codeOf(RawHttpRequest request, Instant now) {
        try {
            verifier.verify(request, now);
        } catch (TatApiError e) {
            return e.code();
        }
        throw new AssertionError("the request was accepted");
    }

    @Test
    void acceptsOfficialExample1() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, null));

        Tc3SignatureVerifier.Caller caller =
                verifier.verify(request("cvm.tencentcloudapi.com", example1Authorization(), EXAMPLE_BODY), EXAMPLE_NOW);

        assertThat(caller.secretId()).isEqualTo("AKIDEXAMPLE");
        assertThat(caller.service()).isEqualTo("cvm");
    }

    @Test
    void acceptsOfficialExample2WithSignedActionHeader() {
        String stars = "*".repeat(32);
        accounts.add(new Accounts.Account("AKID" + stars, stars, null));
        String authorization = "TC3-HMAC-SHA256 Credential=AKID" + stars + "/2019-02-25/cvm/tc3_request, "
                + "SignedHeaders=content-type;host;x-tc-action, "
                + "Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f";

        assertThat(verifier.verify(request("cvm.tencentcloudapi.com", authorization, EXAMPLE_BODY), EXAMPLE_NOW).service())
                .isEqualTo("cvm");
    }

    @Test
    void testSignerReproducesOfficialExample1() {
        assertThat(sign("AKIDEXAMPLE", "cvm", "2019-02-25", EXAMPLE_BODY)).isEqualTo(example1Authorization());
    }

    @Test
    void bodyChangedAfterSigningIsSignatureFailure() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, null));
        String tampered = EXAMPLE_BODY.replace("\"Limit\": 1", "\"Limit\": 2");

        assertThat(codeOf(request("cvm.tencentcloudapi.com", example1Authorization(), tampered), EXAMPLE_NOW))
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void wrongSecretKeyIsSignatureFailure() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", "anotherKey", null));

        assertThat(codeOf(request("cvm.tencentcloudapi.com", example1Authorization(), EXAMPLE_BODY), EXAMPLE_NOW))
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void changedHostIsSignatureFailure() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, null));
        String signedForCvm = sign("AKIDEXAMPLE", "tat", "2019-02-25", EXAMPLE_BODY);

        assertThat(codeOf(request("tat.tencentcloudapi.com", signedForCvm, EXAMPLE_BODY), EXAMPLE_NOW))
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void scopeDateMustBeUtcDateOfTimestamp() {
        // 1551113065 is 2019-02-26 in UTC+8 but 2019-02-25 in UTC (docs/dev/protocol.md §2 step 2).
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, null));
        String localDateScope = sign("AKIDEXAMPLE", "cvm", "2019-02-26", EXAMPLE_BODY);

        assertThat(codeOf(request("cvm.tencentcloudapi.com", localDateScope, EXAMPLE_BODY), EXAMPLE_NOW))
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void scopeServiceMustBeTatOrFirstLabelOfHost() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, null));

        assertThat(verifier.verify(request("cvm.tencentcloudapi.com", sign("AKIDEXAMPLE", "tat", "2019-02-25", EXAMPLE_BODY),
                EXAMPLE_BODY), EXAMPLE_NOW).service()).isEqualTo("tat");
        assertThat(codeOf(request("cvm.tencentcloudapi.com", sign("AKIDEXAMPLE", "cvmx", "2019-02-25", EXAMPLE_BODY),
                EXAMPLE_BODY), EXAMPLE_NOW)).isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void acceptsTheServiceTheJavaSdkDerivesFromAnIpEndpoint() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, null));
        String authorization = TestTc3Signer.authorization("AKIDEXAMPLE", EXAMPLE_1_KEY, "127", EXAMPLE_TIMESTAMP,
                "2019-02-25", Map.of("Content-Type", CONTENT_TYPE, "Host", "127.0.0.1:18080"),
                EXAMPLE_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(verifier.verify(request("127.0.0.1:18080", authorization, EXAMPLE_BODY), EXAMPLE_NOW).service())
                .isEqualTo("127");
    }

    @Test
    void timestampWindowIsThreeHundredSecondsEitherWay() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, null));
        RawHttpRequest request = request("cvm.tencentcloudapi.com", example1Authorization(), EXAMPLE_BODY);

        verifier.verify(request, EXAMPLE_NOW.plusSeconds(300));
        verifier.verify(request, EXAMPLE_NOW.minusSeconds(300));
        assertThat(codeOf(request, EXAMPLE_NOW.plusSeconds(301))).isEqualTo("AuthFailure.SignatureExpire");
        assertThat(codeOf(request, EXAMPLE_NOW.minusSeconds(301))).isEqualTo("AuthFailure.SignatureExpire");
    }

    @Test
    void unknownSecretIdIsSecretIdNotFound() {
        assertThat(codeOf(request("cvm.tencentcloudapi.com", example1Authorization(), EXAMPLE_BODY), EXAMPLE_NOW))
                .isEqualTo("AuthFailure.SecretIdNotFound");
    }

    @Test
    void malformedAuthorizationIsInvalidAuthorization() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, null));
        List<String> malformed = List.of(
                "garbage",
                example1Authorization().replace("TC3-HMAC-SHA256", "HMAC-SHA256"),
                example1Authorization().replace("tc3_request", "tc2_request"),
                example1Authorization().replace("content-type;host", "host"),
                example1Authorization().replace("content-type;host", "content-type"),
                example1Authorization().replace("content-type;host", "content-type;host;x-tc-region"),
                example1Authorization().replace(", SignedHeaders", ",SignedHeaders"));

        for (String authorization : malformed) {
            assertThat(codeOf(request("cvm.tencentcloudapi.com", authorization, EXAMPLE_BODY), EXAMPLE_NOW))
                    .as(authorization).isEqualTo("AuthFailure.InvalidAuthorization");
        }
    }

    @Test
    void sessionTokenMustMatchTheRegisteredOne() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, "token-1"));
        String host = "cvm.tencentcloudapi.com";

        verifier.verify(request(host, example1Authorization(), EXAMPLE_BODY, "X-TC-Token", "token-1"), EXAMPLE_NOW);
        assertThat(codeOf(request(host, example1Authorization(), EXAMPLE_BODY, "X-TC-Token", "token-2"), EXAMPLE_NOW))
                .isEqualTo("AuthFailure.TokenFailure");
        assertThat(codeOf(request(host, example1Authorization(), EXAMPLE_BODY), EXAMPLE_NOW))
                .isEqualTo("AuthFailure.TokenFailure");
    }

    @Test
    void tokenWithALongTermKeyIsTokenFailure() {
        accounts.add(new Accounts.Account("AKIDEXAMPLE", EXAMPLE_1_KEY, null));

        assertThat(codeOf(request("cvm.tencentcloudapi.com", example1Authorization(), EXAMPLE_BODY, "X-TC-Token", "t"),
                EXAMPLE_NOW)).isEqualTo("AuthFailure.TokenFailure");
    }
}
