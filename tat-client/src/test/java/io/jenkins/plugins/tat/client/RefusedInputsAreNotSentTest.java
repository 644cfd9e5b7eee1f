package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad inputs of issue 9 against the emulator: each is refused with its field and error code,
 * and the emulator receives nothing; the valid edge cases next to them are sent as they are.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class RefusedInputsAreNotSentTest extends TatClientTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com";
    private static final String USERNAME = "InvalidParameter.InvalidUsername";
    private static final String DIRECTORY = "InvalidParameterValue.InvalidWorkingDirectory";
    private static final String URL = "InvalidParameterValue.InvalidOutputCOSBucketUrl";
    private static final String PREFIX = "InvalidParameterValue.InvalidOutputCOSKeyPrefix";
    private static final String MEGABYTE = "x".repeat(1 << 20);

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("Username with NUL", b -> b.username("ro\u0000ot"), "Username", USERNAME),
                bad("Username with LF", b -> b.username("root\nrm -rf /"), "Username", USERNAME),
                bad("Username with ESC", b -> b.username("\u001b[31mroot"), "Username", USERNAME),
                bad("Username a lone zero-width space", b -> b.username("\u200b"), "Username", USERNAME),
                bad("Username of 1 MB", b -> b.username(MEGABYTE), "Username", USERNAME),
                bad("WorkingDirectory with NUL", b -> b.workingDirectory("/srv\u0000"), "WorkingDirectory", DIRECTORY),
                bad("WorkingDirectory with LF", b -> b.workingDirectory("/srv\n/etc"), "WorkingDirectory", DIRECTORY),
                bad("WorkingDirectory with ESC", b -> b.workingDirectory("/srv\u001b[2J"), "WorkingDirectory", DIRECTORY),
                bad("WorkingDirectory a lone zero-width space", b -> b.workingDirectory("\u200b"), "WorkingDirectory",
                        DIRECTORY),
                bad("WorkingDirectory of 1 MB", b -> b.workingDirectory(MEGABYTE), "WorkingDirectory", DIRECTORY),
                bad("OutputCOSBucketUrl with user:password@",
                        b -> b.outputCosBucketUrl("https://user:password@bucket-1250000000.cos.ap-guangzhou.myqcloud.com"),
                        "OutputCOSBucketUrl", URL),
                bad("OutputCOSBucketUrl with port 99999", b -> b.outputCosBucketUrl(BUCKET + ":99999"), "OutputCOSBucketUrl", URL),
                bad("OutputCOSBucketUrl with port 0", b -> b.outputCosBucketUrl(BUCKET + ":0"), "OutputCOSBucketUrl", URL),
                bad("OutputCOSBucketUrl with port 22", b -> b.outputCosBucketUrl(BUCKET + ":22"), "OutputCOSBucketUrl", URL),
                bad("OutputCOSBucketUrl with a query", b -> b.outputCosBucketUrl(BUCKET + "?x=1"), "OutputCOSBucketUrl", URL),
                bad("OutputCOSBucketUrl with a fragment", b -> b.outputCosBucketUrl(BUCKET + "#x"), "OutputCOSBucketUrl", URL),
                bad("OutputCOSBucketUrl https://127.0.0.1", b -> b.outputCosBucketUrl("https://127.0.0.1"),
                        "OutputCOSBucketUrl", URL),
                bad("OutputCOSKeyPrefix with a zero-width space", b -> b.outputCosKeyPrefix("logs\u200b/deploy"),
                        "OutputCOSKeyPrefix", PREFIX),
                bad("OutputCOSKeyPrefix with right-to-left override", b -> b.outputCosKeyPrefix("logs/\u202egol"),
                        "OutputCOSKeyPrefix", PREFIX),
                bad("OutputCOSKeyPrefix of only spaces", b -> b.outputCosKeyPrefix("   "), "OutputCOSKeyPrefix", PREFIX),
                bad("OutputCOSKeyPrefix with fullwidth ／／", b -> b.outputCosKeyPrefix("logs／／deploy"), "OutputCOSKeyPrefix",
                        PREFIX),
                bad("OutputCOSKeyPrefix with ‥", b -> b.outputCosKeyPrefix("logs/‥/etc"), "OutputCOSKeyPrefix", PREFIX),
                bad("Parameters with a null name", b -> b.commandId(PARAM_COMMAND).parameters(mapWithKey(null)), "Parameters",
                        "InvalidParameterValue.ParameterInvalidJsonFormat"),
                bad("Parameters with a number as a name", b -> b.commandId(PARAM_COMMAND).parameters(mapWithKey(42)),
                        "Parameters", "InvalidParameterValue.ParameterInvalidJsonFormat"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedAndNothingIsSent(String name, UnaryOperator<InvokeCommandRequest.Builder> input, String field, String code) {
        InvokeCommandRequest request = input.apply(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(CVM_1)).build();

        assertThatThrownBy(() -> client().invokeCommand(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::errorCode)
                        .containsExactly(tuple(field, code)));
        assertThat(emu.received("InvokeCommand")).isZero();
    }

    static Stream<Arguments> validEdgeCases() {
        return Stream.of(
                good("a Windows user DOMAIN\\deploy", b -> b.username("DOMAIN\\deploy"), "Username", "DOMAIN\\deploy"),
                good("a user principal name", b -> b.username("deploy@corp.example.com"), "Username", "deploy@corp.example.com"),
                good("a Windows directory with a space", b -> b.workingDirectory("C:\\Program Files\\app"), "WorkingDirectory",
                        "C:\\Program Files\\app"),
                good("a Linux directory with a space", b -> b.workingDirectory("/srv/my app"), "WorkingDirectory", "/srv/my app"),
                good("a 60-character prefix", b -> b.outputCosKeyPrefix("p".repeat(60)), "OutputCOSKeyPrefix", "p".repeat(60)),
                good("a prefix with a..b", b -> b.outputCosKeyPrefix("logs/a..b"), "OutputCOSKeyPrefix", "logs/a..b"),
                good("a Chinese prefix", b -> b.outputCosKeyPrefix("日志/部署"), "OutputCOSKeyPrefix", "日志/部署"),
                good("a bucket URL", b -> b.outputCosBucketUrl(BUCKET), "OutputCOSBucketUrl", BUCKET),
                good("a global acceleration bucket URL",
                        b -> b.outputCosBucketUrl("https://bucket-1250000000.cos.accelerate.myqcloud.com"), "OutputCOSBucketUrl",
                        "https://bucket-1250000000.cos.accelerate.myqcloud.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validEdgeCases")
    void isSentAsItIs(String name, UnaryOperator<InvokeCommandRequest.Builder> input, String field, String sent)
            throws Exception {
        client().invokeCommand(input.apply(InvokeCommandRequest.builder().commandId(COMMAND).instanceIds(CVM_1)).build());

        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
        JsonNode body = JSON.readTree(emu.requests().get(0).body());
        assertThat(body.get(field).asText()).isEqualTo(sent);
    }

    private static Arguments bad(String name, UnaryOperator<InvokeCommandRequest.Builder> input, String field, String code) {
        return Arguments.of(name, input, field, code);
    }

    private static Arguments good(String name, UnaryOperator<InvokeCommandRequest.Builder> input, String field, String sent) {
        return Arguments.of(name, input, field, sent);
    }

    private static Map<Object, Object> mapWithKey(Object key) {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(key, "s3cr3t");
        return map;
    }
}
