package io.jenkins.plugins.tat.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.rules.RunCommandRules;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link RunCommandRequest#validate()}, one behaviour per test: each starts from a
 * valid request and breaks one rule, so removing the rule makes it fail.
 */
class RunCommandRequestValidationTest {

    private static RunCommandRequest.Builder valid() {
        return RunCommandRequest.builder().content("echo hello").instanceIds(List.of("ins-abcd1234"));
    }

    private static List<Violation> violations(RunCommandRequest.Builder builder) {
        return builder.build().validate();
    }

    private static List<String> codes(RunCommandRequest.Builder builder) {
        return violations(builder).stream().map(Violation::errorCode).toList();
    }

    @Test
    void aMinimalRequestIsValid() {
        assertThat(violations(valid())).isEmpty();
    }

    @Test
    void aFullRequestIsValid() {
        assertThat(violations(valid().content("deploy {{version}} --key '{{tat-hidden:key}}'")
                .commandName("deploy-web.v2_部署").description("Deploys the web tier").commandType("SHELL")
                .workingDirectory("/srv").timeout(600L).saveCommand(true).enableParameter(true)
                .defaultParameters(Map.of("version", "1.0")).parameters(Map.of("key", "k"))
                .username("deploy").outputCosBucketUrl("https://bucket-1250000000.cos.ap-beijing.myqcloud.com")
                .outputCosKeyPrefix("logs/run"))).isEmpty();
    }

    @Test
    void theScriptIsRequired() {
        assertThat(violations(valid().content(null))).singleElement()
                .satisfies(v -> assertThat(v.toString()).startsWith("Content: is required").endsWith("[MissingParameter]"));
        assertThat(codes(valid().content(" \n"))).containsExactly("MissingParameter");
    }

    @Test
    void theScriptMayHave48KbWhichIs64KbOfBase64() {
        assertThat(violations(valid().content("#".repeat(RunCommandRules.MAX_CONTENT_BYTES)))).isEmpty();

        List<Violation> tooLong = violations(valid().content("#".repeat(RunCommandRules.MAX_CONTENT_BYTES + 1)));

        assertThat(tooLong).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("Content");
            assertThat(v.errorCode()).isEqualTo("InvalidParameterValue.InvalidContent");
            assertThat(v.message()).contains("49153 bytes", "65540 characters once base64-encoded", "at most 65536",
                    "at most 49152 bytes (48 KB)");
        });
    }

    @Test
    void theSizeIsCountedInUtf8Bytes() {
        // 16,385 Chinese characters are 49,155 bytes in UTF-8: over the limit, though far fewer characters.
        assertThat(codes(valid().content("部".repeat(16_385)))).containsExactly("InvalidParameterValue.InvalidContent");
        assertThat(codes(valid().content("部".repeat(16_384)))).isEmpty();
    }

    @Test
    void theMessageNeverQuotesTheScript() {
        String script = "export TOKEN=hunter2-secret\n" + "x".repeat(60_000);

        assertThat(violations(valid().content(script))).allSatisfy(v -> assertThat(v.message()).doesNotContain("hunter2"));
        assertThat(valid().content(script).build().toString()).doesNotContain("hunter2").contains("60028 bytes, hidden");
    }

    @Test
    void theCommandNameHasAtMost60BytesOfLettersDigitsAndChineseCharacters() {
        assertThat(codes(valid().commandName("n".repeat(60)))).isEmpty();
        assertThat(codes(valid().commandName("部".repeat(20)))).isEmpty();
        assertThat(codes(valid().commandName("n".repeat(61)))).containsExactly("InvalidParameterValue.InvalidCommandName");
        assertThat(codes(valid().commandName("部".repeat(21)))).containsExactly("InvalidParameterValue.InvalidCommandName");
        assertThat(violations(valid().commandName("my command"))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("'my command' may contain only"));
        assertThat(codes(valid().commandName(""))).containsExactly("InvalidParameterValue.InvalidCommandName");
    }

    @Test
    void theDescriptionHasAtMost120Characters() {
        assertThat(codes(valid().description("d".repeat(120)))).isEmpty();
        assertThat(codes(valid().description("部".repeat(120)))).isEmpty();
        assertThat(codes(valid().description("d".repeat(121)))).containsExactly("InvalidParameterValue.TooLong");
    }

    @Test
    void theCommandTypeIsShellPowershellOrBat() {
        assertThat(codes(valid().commandType("POWERSHELL"))).isEmpty();
        assertThat(codes(valid().commandType("BAT"))).isEmpty();
        assertThat(violations(valid().commandType("bash"))).singleElement()
                .satisfies(v -> assertThat(v.toString()).contains("SHELL (the default, Linux), POWERSHELL or BAT"));
        assertThat(valid().build().commandType()).isEqualTo("SHELL");
    }

    @Test
    void theRulesSharedWithInvokeCommandApply() {
        assertThat(violations(valid().instanceIds(List.of("i-123", "lhins-abcd1234")).timeout(0L).username(" ")
                .workingDirectory("").outputCosBucketUrl("http://x").outputCosKeyPrefix("/x")))
                .extracting(Violation::field)
                .containsExactly("InstanceIds[0]", "WorkingDirectory", "Timeout", "Username", "OutputCOSBucketUrl",
                        "OutputCOSKeyPrefix");
        assertThat(codes(valid().instanceIds(List.of()))).containsExactly("MissingParameter");
    }

    @Test
    void parametersNeedEnableParameter() {
        assertThat(codes(valid().content("echo {{a}}").parameters(Map.of("a", "1"))))
                .containsExactly("InvalidParameterValue.SupportParametersOnlyIfEnableParameter");
        assertThat(violations(valid().content("echo {{a}}").defaultParameters(Map.of("a", "1")))).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("DefaultParameters"));
        assertThat(codes(valid().content("echo {{a}}"))).as("without parameters the braces stay as they are").isEmpty();
    }

    @Test
    void everyPlaceholderNeedsAValueFromTheParametersOrTheDefaults() {
        RunCommandRequest.Builder request = valid().content("echo {{a}} {{b}} {{tat-hidden:c}}").enableParameter(true)
                .parameters(Map.of("a", "1")).defaultParameters(Map.of("b", "2"));

        assertThat(violations(request)).singleElement().satisfies(v -> {
            assertThat(v.errorCode()).isEqualTo("InvalidParameterValue.LackOfParameters");
            assertThat(v.message()).contains("'c'", "{{tat-hidden:c}}");
        });
        assertThat(violations(request.parameters(Map.of("a", "1", "c", "3")))).isEmpty();
    }

    @Test
    void aNameTheScriptDoesNotUseIsRefusedAsATypo() {
        assertThat(violations(valid().content("echo {{version}}").enableParameter(true).parameters(Map.of("verison", "1"))))
                .extracting(Violation::toString)
                .containsExactly("Parameters: gives no value for 'version', which the script uses as {{version}}; give it"
                                + " in the parameters or as a default [InvalidParameterValue.LackOfParameters]",
                        "Parameters: 'verison' is not used by the script: it has no {{verison}}; it uses version"
                                + " [InvalidParameterValue]");
    }

    @Test
    void parameterNamesAndValuesFollowTheInvokeCommandRulesUnderTheirFieldsNames() {
        assertThat(violations(valid().content("echo {{a}}").enableParameter(true).parametersJson("{\"a\":1}")
                .defaultParametersJson("{\"a.b\":\"x\"}")))
                .extracting(v -> v.field() + " " + v.errorCode())
                .containsExactly("DefaultParameters InvalidParameterValue.ParameterKeyContainsInvalidChar",
                        "Parameters InvalidParameterValue.ParameterValueNotString");
    }

    @Test
    void defaultsGoOneWayOnly() {
        assertThat(codes(valid().content("echo {{a}}").enableParameter(true).defaultParameters(Map.of("a", "1"))
                .defaultParameterConfs(List.of(new DefaultParameterConf("a", "1", "")))))
                .containsExactly("InvalidParameter.ConflictParameter");
    }

    @Test
    void defaultParameterConfsNameEachParameterOnce() {
        assertThat(codes(valid().content("echo {{a}}").enableParameter(true).defaultParameterConfs(List.of(
                new DefaultParameterConf("a", "1", ""), new DefaultParameterConf("a", "2", "")))))
                .containsExactly("InvalidParameter.ParameterNameDuplicated");
        assertThat(codes(valid().content("echo {{a}}").enableParameter(true).defaultParameterConfs(List.of(
                new DefaultParameterConf("a", "1", "the a")))))
                .isEmpty();
    }

    @Test
    void toStringShowsNamesNeverValuesOrTheScript() {
        String text = valid().content("echo {{pw}}").enableParameter(true).parameters(Map.of("pw", "hunter2")).build().toString();

        assertThat(text).contains("pw", "(values hidden)", "11 bytes, hidden").doesNotContain("hunter2").doesNotContain("echo");
    }

    @Test
    void base64LengthIsFourCharactersPerThreeBytesRoundedUp() {
        assertThat(RunCommandRules.base64Length(0)).isZero();
        assertThat(RunCommandRules.base64Length(1)).isEqualTo(4);
        assertThat(RunCommandRules.base64Length(3)).isEqualTo(4);
        assertThat(RunCommandRules.base64Length(4)).isEqualTo(8);
        assertThat(java.util.Base64.getEncoder().encodeToString("#".repeat(49_152).getBytes(StandardCharsets.UTF_8)))
                .hasSize(65_536);
    }
}
