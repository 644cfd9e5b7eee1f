package io.jenkins.plugins.tat.client.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The official worked examples of the TC3-HMAC-SHA256 documentation (docs/dev/protocol.md §2.1), checked
 * value by value, and the rules around them.
 */
class Tc3SignerTest {

    /** The example body: these exact bytes, with the {@code \\u} escapes as literal ASCII. */
    private static final byte[] EXAMPLE_BODY =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final long EXAMPLE_TIMESTAMP = 1551113065L;
    private static final String EXAMPLE_SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";

    private static Map<String, String> exampleHeaders(boolean withAction) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Host", "cvm.tencentcloudapi.com");
        if (withAction) {
            headers.put("X-TC-Action", "DescribeInstances");
        }
        return headers;
    }

    @Test
    void example1_signsContentTypeAndHost() {
        Tc3Signature s = Tc3Signer.sign(Tc3Request.post(exampleHeaders(false), EXAMPLE_BODY), "cvm",
                EXAMPLE_SECRET_ID, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", EXAMPLE_TIMESTAMP);

        assertThat(s.hashedRequestPayload()).isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        assertThat(s.canonicalRequest()).isEqualTo("POST\n/\n\n"
                + "content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n"
                + "content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        assertThat(s.credentialScope()).isEqualTo("2019-02-25/cvm/tc3_request");
        assertThat(s.hashedCanonicalRequest()).isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        assertThat(s.stringToSign()).isEqualTo("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
                + "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        assertThat(s.secretDate()).isEqualTo("d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a");
        assertThat(s.secretService()).isEqualTo("3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050");
        assertThat(s.secretSigning()).isEqualTo("ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1");
        assertThat(s.signature()).isEqualTo("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
        assertThat(s.authorization()).isEqualTo("TC3-HMAC-SHA256 Credential=" + EXAMPLE_SECRET_ID
                + "/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
                + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    void example2_alsoSignsTheActionHeaderLowerCased() {
        Tc3Signature s = Tc3Signer.sign(Tc3Request.post(exampleHeaders(true), EXAMPLE_BODY), "cvm",
                "AKID" + "*".repeat(32), "*".repeat(32), EXAMPLE_TIMESTAMP);

        assertThat(s.canonicalRequest()).contains("\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n");
        assertThat(s.signedHeaders()).isEqualTo("content-type;host;x-tc-action");
        assertThat(s.hashedCanonicalRequest()).isEqualTo("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
        assertThat(s.secretDate()).isEqualTo("da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0");
        assertThat(s.secretService()).isEqualTo("8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f");
        assertThat(s.secretSigning()).isEqualTo("b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af");
        assertThat(s.signature()).isEqualTo("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
    }

    @Test
    void example3_olderDocVariantWithMaskedKey() {
        Tc3Signature s = Tc3Signer.sign(Tc3Request.post(exampleHeaders(false), EXAMPLE_BODY), "cvm",
                EXAMPLE_SECRET_ID, "Gu5t9xGARNpq86cd98joQYCN3*******", EXAMPLE_TIMESTAMP);

        assertThat(s.signature()).isEqualTo("2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c");
    }

    @Test
    void scopeDateIsTheUtcDateWhateverTheLocalZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            // 1551113065 is 2019-02-26 00:44 in UTC+8, but the scope must say 2019-02-25.
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            assertThat(Tc3Signer.scopeDate(EXAMPLE_TIMESTAMP)).isEqualTo("2019-02-25");
            assertThat(Tc3Signer.scopeDate(1551052800L)).isEqualTo("2019-02-25"); // 00:00:00 UTC
            assertThat(Tc3Signer.scopeDate(1551052799L)).isEqualTo("2019-02-24"); // 23:59:59 UTC
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    /**
     * Vectors either side of UTC midnight for a TAT request. The expected signatures were computed
     * independently with Python's {@code hmac} module from the algorithm in docs/dev/protocol.md §2.
     */
    @Test
    void signaturesEitherSideOfUtcMidnight() {
        byte[] body = "{\"CommandId\":\"cmd-abcd1234\",\"InstanceIds\":[\"ins-abcd1234\"]}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Host", "tat.tencentcloudapi.com");
        headers.put("X-TC-Action", "InvokeCommand");
        Tc3Request request = Tc3Request.post(headers, body);

        Tc3Signature atMidnight = Tc3Signer.sign(request, "tat", "AKIDtest", "secretKeyTest", 1551052800L);
        Tc3Signature justBefore = Tc3Signer.sign(request, "tat", "AKIDtest", "secretKeyTest", 1551052799L);

        assertThat(atMidnight.credentialScope()).isEqualTo("2019-02-25/tat/tc3_request");
        assertThat(atMidnight.signature()).isEqualTo("5b822f2576cb692fd8adff281dbe163b6cdf7a4affba2c94929d05d115894869");
        assertThat(justBefore.credentialScope()).isEqualTo("2019-02-24/tat/tc3_request");
        assertThat(justBefore.signature()).isEqualTo("6735a8f44c2c3ac44b7a85d6a1b1a58898e5a59429d49855aaf957d594a0b683");
    }

    @Test
    void headerNamesAndValuesAreTrimmedAndLowerCasedAndSorted() {
        Map<String, String> messy = new LinkedHashMap<>();
        messy.put(" X-TC-Action ", " DescribeInstances ");
        messy.put("HOST", "CVM.tencentcloudapi.com");
        messy.put("content-type", "application/json; charset=utf-8 ");

        Tc3Signature s = Tc3Signer.sign(Tc3Request.post(messy, EXAMPLE_BODY), "cvm",
                "AKID" + "*".repeat(32), "*".repeat(32), EXAMPLE_TIMESTAMP);

        assertThat(s.signature()).isEqualTo("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
    }

    @Test
    void anyChangeToTheBodyChangesTheSignature() {
        byte[] tampered = EXAMPLE_BODY.clone();
        tampered[10] = '2';
        Tc3Signature original = Tc3Signer.sign(Tc3Request.post(exampleHeaders(false), EXAMPLE_BODY), "cvm",
                EXAMPLE_SECRET_ID, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", EXAMPLE_TIMESTAMP);
        Tc3Signature changed = Tc3Signer.sign(Tc3Request.post(exampleHeaders(false), tampered), "cvm",
                EXAMPLE_SECRET_ID, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", EXAMPLE_TIMESTAMP);

        assertThat(changed.signature()).isNotEqualTo(original.signature());
    }

    @Test
    void refusesToSignWithoutHost() {
        Map<String, String> headers = Map.of("Content-Type", "application/json");
        assertThatThrownBy(() -> Tc3Signer.sign(Tc3Request.post(headers, EXAMPLE_BODY), "cvm", "id", "key", 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
    }

    @Test
    void theSignatureAndRequestDoNotPrintTheDerivedKeys() {
        Tc3Signature s = Tc3Signer.sign(Tc3Request.post(exampleHeaders(false), EXAMPLE_BODY), "cvm",
                EXAMPLE_SECRET_ID, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", EXAMPLE_TIMESTAMP);

        assertThat(s.toString()).doesNotContain(s.secretSigning()).doesNotContain(s.secretDate())
                .doesNotContain("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE");
    }
}
