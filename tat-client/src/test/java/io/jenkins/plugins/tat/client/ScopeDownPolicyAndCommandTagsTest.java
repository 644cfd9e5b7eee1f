package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.api.AssumeRoleRequest;
import io.jenkins.plugins.tat.client.api.Command;
import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.api.RunCommandRequest;
import io.jenkins.plugins.tat.client.api.RunCommandResponse;
import io.jenkins.plugins.tat.client.api.Tag;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.EmulatedRole;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RunCommand's Tags on a saved command and AssumeRole's scope-down Policy, against the emulator. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScopeDownPolicyAndCommandTagsTest extends TatClientTestSupport {

    private static final String ROLE = "qcs::cam::uin/100000000001:roleName/jenkins-deploy";
    private static final String POLICY = "{\"version\":\"2.0\",\"statement\":[{\"effect\":\"allow\","
            + "\"action\":[\"tat:InvokeCommand\",\"tat:Describe*\"],\"resource\":[\"*\"]}]}";

    private static RunCommandRequest.Builder saved() {
        return RunCommandRequest.builder().content("echo hi").instanceIds(List.of(CVM_1)).saveCommand(true)
                .commandName("tagged");
    }

    @Test
    void aSavedCommandCarriesItsTagsAndIsFoundByThem() throws Exception {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "web");
        tags.put("环境", "生产");
        RunCommandResponse run = client().runCommand(saved().tags(tags).build());

        assertThat(emu.requests().get(0).body()).contains("\"Tags\":[{\"Key\":\"team\",\"Value\":\"web\"},"
                + "{\"Key\":\"环境\",\"Value\":\"生产\"}]");
        assertThat(emu.savedCommand(run.commandId()).tags()).isEqualTo(tags);
        assertThat(client().describeCommands(DescribeCommandsRequest.builder().filter("tag-key", "team").build())
                .commands()).extracting(Command::commandId).containsExactly(run.commandId());
        assertThat(client().describeCommands(DescribeCommandsRequest.builder().filter("tag-value", "ops").build())
                .commands()).isEmpty();
    }

    @Test
    void tagsBreakingTheRulesAreRefusedAndNothingIsSent() {
        assertThatThrownBy(() -> client().runCommand(saved().saveCommand(false).tags(Map.of("team", "web")).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("apply only to a saved command");
        Map<String, String> eleven = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("k" + i, "v");
        }
        assertThat(saved().tags(eleven).build().validate()).extracting(Violation::message)
                .containsExactly("has 11 tags; at most 10");
        assertThat(saved().tags(List.of(new Tag("tencent:x", "1"), new Tag("a", "b;c"), new Tag("a", ""))).build()
                .validate()).extracting(Violation::field, Violation::errorCode).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Tags[0].Key", "FailedOperation.TagKeyReserved"),
                        org.assertj.core.groups.Tuple.tuple("Tags[1].Value", "FailedOperation.IllegalTagValue"),
                        org.assertj.core.groups.Tuple.tuple("Tags[2].Key", "InvalidParameterValue"));
        assertThat(receivedInAll()).isZero();
    }

    private StsClient sts() {
        return StsClient.of(new ApiKey(SECRET_ID, SECRET_KEY), TatClient.builder().endpoint(emu.endpoint()).region(REGION)
                .retryPolicy(FAST_RETRIES).requestTimeout(Duration.ofSeconds(5)));
    }

    @Test
    void aScopeDownPolicyIsSentUrlEncodedAndAccepted() throws Exception {
        emu.role(EmulatedRole.of(ROLE));

        sts().assumeRole(AssumeRoleRequest.builder(ROLE, "jenkins").policy(POLICY).build());

        String body = emu.requests().get(0).body();
        String sent = body.replaceAll(".*\"Policy\":\"([^\"]*)\".*", "$1");
        assertThat(sent).doesNotContain("{", " ", "\"");
        assertThat(URLDecoder.decode(sent, StandardCharsets.UTF_8)).isEqualTo(POLICY);
        assertThat(emu.issuedKeys()).hasSize(1);
    }

    @Test
    void aPolicyThatIsNotAPolicyIsRefusedAndNothingIsSent() {
        assertThat(AssumeRoleRequest.builder(ROLE, "jenkins").policy("allow everything").build().validate())
                .extracting(Violation::errorCode).containsExactly("InvalidParameter.StrategyFormatError");
        assertThat(AssumeRoleRequest.builder(ROLE, "jenkins").policy("[1]").build().validate()).hasSize(1);
        assertThat(AssumeRoleRequest.builder(ROLE, "jenkins").policy("{\"version\":\"2.0\"}").build().validate())
                .extracting(Violation::message).singleElement().asString().contains("has no statement");
        assertThat(AssumeRoleRequest.builder(ROLE, "jenkins").policy("{\"statement\":[{\"effect\":\"allow\","
                + "\"principal\":{\"qcs\":[\"*\"]}}]}").build().validate()).extracting(Violation::message)
                .singleElement().asString().contains("must not name a principal");
        String huge = "{\"statement\":[\"" + "x".repeat(6200) + "\"]}";
        assertThat(AssumeRoleRequest.builder(ROLE, "jenkins").policy(huge).build().validate())
                .extracting(Violation::errorCode).containsExactly("InvalidParameter.PolicyTooLong");
        assertThatThrownBy(() -> sts().assumeRole(AssumeRoleRequest.builder(ROLE, "jenkins").policy("x").build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(receivedInAll()).isZero();
        assertThat(AssumeRoleRequest.builder(ROLE, "jenkins").policy(" ").build().policy()).isNull();
        assertThat(AssumeRoleRequest.builder(ROLE, "jenkins").policy(POLICY).build().toString())
                .contains("Policy=(" + POLICY.length() + " characters)");
    }
}
