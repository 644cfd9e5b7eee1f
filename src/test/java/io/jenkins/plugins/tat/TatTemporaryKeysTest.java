package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static io.jenkins.plugins.tat.TatFixture.ROLE;
import static io.jenkins.plugins.tat.TatFixture.ROLE_CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.SECRET_ID;
import static io.jenkins.plugins.tat.TatFixture.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.EmulatedRole;
import io.jenkins.plugins.tat.client.emulator.IssuedKey;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.cloud.WithTencentCloudStep;
import io.jenkins.plugins.tat.credentials.CamRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Temporary keys of a CAM role, named by the API key credential or by {@code withTencentCloud}:
 * the plugin asks the emulated STS for them (AssumeRole, signed with the long-term key), signs the
 * TAT calls with them and their token, renews them during a long wait, and never shows them.
 */
@WithJenkins
class TatTemporaryKeysTest {

    private JenkinsRule r;
    private TatFixture tat;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    private List<RecordedRequest> tatRequests() {
        return tat.emu.requests().stream().filter(q -> !"AssumeRole".equals(q.action())).toList();
    }

    private static String signer(RecordedRequest request) {
        return request.headers().get("authorization").replaceAll(".*Credential=([^/]+)/.*", "$1");
    }

    /** Every TAT request was signed with a temporary key of the role, sent its token, and was accepted. */
    private void assertSignedWithTheRolesKeys() {
        Set<String> issued = tat.emu.issuedKeys().stream().map(IssuedKey::secretId).collect(Collectors.toSet());
        assertThat(issued).isNotEmpty();
        assertThat(tatRequests()).isNotEmpty().allSatisfy(q -> {
            assertThat(signer(q)).isIn(issued);
            assertThat(q.headers().get("x-tc-token")).isNotBlank();
            assertThat(q.errorCode()).isNull();
        });
        assertThat(tat.emu.requests()).filteredOn(q -> "AssumeRole".equals(q.action()))
                .allSatisfy(q -> assertThat(signer(q)).isEqualTo(SECRET_ID));
    }

    private static void assertNoSecretInLog(JenkinsRule r, WorkflowRun b, List<IssuedKey> keys) throws Exception {
        r.assertLogNotContains(SECRET_KEY, b);
        for (IssuedKey key : keys) {
            r.assertLogNotContains(key.secretKey(), b);
            r.assertLogNotContains(key.sessionToken(), b);
        }
    }

    @Test
    void credentialsThatNameARoleSignWithItsTemporaryKeys() throws Exception {
        tat.role(r, null);

        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, "tatInvoke credentialsId: '" + ROLE_CREDENTIALS_ID
                + "', region: '" + REGION + "', commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "', waitForCompletion: true"));

        assertSignedWithTheRolesKeys();
        assertThat(tat.emu.issuedKeys()).singleElement().satisfies(k -> {
            assertThat(k.roleArn()).isEqualTo(ROLE);
            assertThat(k.roleSessionName()).isEqualTo(CamRole.DEFAULT_SESSION_NAME);
        });
        assertNoSecretInLog(r, b, tat.emu.issuedKeys());
    }

    @Test
    void withTencentCloudAssumesItsRoleForTheStepsAndTheEnvironment() throws Exception {
        tat.emu.role(EmulatedRole.of(ROLE));
        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, "withTencentCloud(credentialsId: '" + CREDENTIALS_ID
                + "', region: '" + REGION + "', role: '" + ROLE + "', roleSessionName: 'nightly', durationSeconds: 3600) {\n"
                + "  echo \"id=${env.TENCENTCLOUD_SECRET_ID} token=${env.TENCENTCLOUD_SESSION_TOKEN}"
                + " aliases=${env.TENCENTCLOUD_TOKEN == env.TENCENTCLOUD_SESSION_TOKEN && env.TENCENTCLOUD_SECURITY_TOKEN == env.TENCENTCLOUD_SESSION_TOKEN}\"\n"
                + "  node { sh 'printf %s \"$TENCENTCLOUD_SECRET_ID:$TENCENTCLOUD_SECRET_KEY:$TENCENTCLOUD_SESSION_TOKEN\" | sha256sum' }\n"
                + "  def id = tatInvoke commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "'\n"
                + "  tatWait invocationId: id\n"
                + "}"));

        IssuedKey key = tat.emu.issuedKeys().get(0);
        assertThat(tat.emu.issuedKeys()).hasSize(1); // the block's key and the steps' are one shared key
        assertThat(key.roleSessionName()).isEqualTo("nightly");
        r.assertLogContains("id=**** token=**** aliases=true", b);
        r.assertLogContains(sha256(key.secretId() + ":" + key.secretKey() + ":" + key.sessionToken()), b);
        r.assertLogContains("Tencent Cloud: API key '" + CREDENTIALS_ID + "' as CAM role " + ROLE, b);
        assertSignedWithTheRolesKeys();
        assertNoSecretInLog(r, b, tat.emu.issuedKeys());
    }

    @Test
    void aWaitThatOutlivesOneTemporaryKeyGoesOnWithTheNext() throws Exception {
        // Keys of 20 seconds are renewed after 10 (half their life); the task runs 25 seconds.
        tat.role(r, 20);
        tat.emu.script(CVM_1, TaskScript.success().output("done\n").runningFor(Duration.ofSeconds(25)));

        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, "tatInvoke credentialsId: '" + ROLE_CREDENTIALS_ID
                + "', region: '" + REGION + "', commandId: '" + COMMAND + "', instanceIds: '" + CVM_1
                + "', timeout: 600, waitForCompletion: true"));

        r.assertLogContains("---- " + CVM_1 + ": SUCCESS, exit code 0", b);
        List<IssuedKey> keys = tat.emu.issuedKeys();
        assertThat(keys).hasSizeGreaterThanOrEqualTo(3);
        assertSignedWithTheRolesKeys(); // never refused: each key was replaced before it expired
        assertThat(tatRequests().stream().map(TatTemporaryKeysTest::signer).distinct()).hasSizeGreaterThanOrEqualTo(2);
        for (RecordedRequest q : tatRequests()) {
            IssuedKey used = keys.stream().filter(k -> k.secretId().equals(signer(q))).findFirst().orElseThrow();
            assertThat(q.receivedAt()).isBefore(used.expiresAt());
        }
        assertNoSecretInLog(r, b, keys);
    }

    @Test
    void aRoleThatDoesNotTrustTheKeyFailsTheStepWithStsAnswerAndSendsNothingToTat() throws Exception {
        tat.role(r, null);
        tat.emu.role(EmulatedRole.of(ROLE).trusting("AKIDsomeoneElse"));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r, "tatInvoke credentialsId: '"
                + ROLE_CREDENTIALS_ID + "', region: '" + REGION + "', commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "'"));

        r.assertLogContains("Could not get a temporary key for CAM role " + ROLE + " from STS at ", b);
        r.assertLogContains("UnauthorizedOperation", b);
        assertThat(tatRequests()).isEmpty();
    }

    @Test
    void aBlockRoleThatBreaksARuleFailsNamingTheArgumentAndSendsNothing() throws Exception {
        WorkflowRun badArn = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r, "withTencentCloud(credentialsId: '"
                + CREDENTIALS_ID + "', role: 'jenkins-deploy', durationSeconds: 50000) { echo 'body ran' }"));
        WorkflowRun noRole = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r, "withTencentCloud(credentialsId: '"
                + CREDENTIALS_ID + "', durationSeconds: 900) { echo 'body ran' }"));
        WorkflowRun unknown = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r, "withTencentCloud(credentialsId: '"
                + CREDENTIALS_ID + "', role: 'qcs::cam::uin/100000000001:roleName/gone') { echo 'body ran' }"));

        r.assertLogContains("role: 'jenkins-deploy' is not a CAM role ARN", badArn);
        r.assertLogContains("durationSeconds: 50000 is out of range", badArn);
        r.assertLogContains("role: is required with roleSessionName, durationSeconds or externalId", noRole);
        r.assertLogContains("InternalError.GetRoleError: role not exist", unknown);
        for (WorkflowRun b : List.of(badArn, noRole, unknown)) {
            r.assertLogNotContains("body ran", b);
        }
        assertThat(tatRequests()).isEmpty();
    }

    @Test
    void aStepsOwnCredentialsLeaveTheBlocksRoleBehind() throws Exception {
        tat.emu.role(EmulatedRole.of(ROLE));

        r.buildAndAssertSuccess(TatFixture.pipeline(r, "withTencentCloud(credentialsId: '" + CREDENTIALS_ID + "', region: '"
                + REGION + "', role: '" + ROLE + "') {\n"
                + "  tatInvoke credentialsId: '" + CREDENTIALS_ID + "', commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "'\n"
                + "}"));

        // The pre-flight reads and the InvokeCommand: all signed with the step's own long-term key.
        assertThat(tatRequests()).extracting(q -> q.action())
                .containsExactly("DescribeCommands", "DescribeAutomationAgentStatus", "InvokeCommand");
        assertThat(tatRequests()).allSatisfy(q -> {
            assertThat(signer(q)).isEqualTo(SECRET_ID);
            assertThat(q.headers()).doesNotContainKey("x-tc-token");
        });
    }

    @Test
    void theBindingOfCredentialsWithARoleSetsATemporaryKeyAndItsToken() throws Exception {
        tat.role(r, null);

        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r,
                "withCredentials([tencentCloudApiKey(credentialsId: '" + ROLE_CREDENTIALS_ID + "')]) {\n"
                        + "  node { sh 'printf %s \"$TENCENTCLOUD_SECRET_ID:$TENCENTCLOUD_SECRET_KEY:$TENCENTCLOUD_SESSION_TOKEN\""
                        + " | sha256sum' }\n"
                        + "  echo \"token=${env.TENCENTCLOUD_SESSION_TOKEN}\"\n"
                        + "}"));

        IssuedKey key = tat.emu.issuedKeys().get(0);
        r.assertLogContains(sha256(key.secretId() + ":" + key.secretKey() + ":" + key.sessionToken()), b);
        r.assertLogContains("token=****", b);
        assertNoSecretInLog(r, b, tat.emu.issuedKeys());
    }

    @Test
    void configRoundTripKeepsTheRole() throws Exception {
        WithTencentCloudStep step = new WithTencentCloudStep();
        step.setCredentialsId(CREDENTIALS_ID);
        step.setRegion(REGION);
        step.setRole(ROLE);
        step.setRoleSessionName("nightly");
        step.setDurationSeconds(3600);
        step.setExternalId("team-42");

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
