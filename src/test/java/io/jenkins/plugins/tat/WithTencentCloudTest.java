package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static io.jenkins.plugins.tat.TatFixture.SECRET_ID;
import static io.jenkins.plugins.tat.TatFixture.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Fingerprint;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.cloud.WithTencentCloudStep;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentialsImpl;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import io.jenkins.plugins.tat.invoke.TatInvokeStep;
import io.jenkins.plugins.tat.wait.TatWaitStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code withTencentCloud}: the key and region in the environment of the steps inside and
 * nowhere else, masked in the log, and as the defaults of the TAT steps inside, against the TAT
 * emulator.
 */
@WithJenkins
class WithTencentCloudTest {

    /** A key Jenkins has but the emulator does not know: a request signed with it is refused. */
    private static final String STRANGER_ID = "stranger";
    private static final String STRANGER_SECRET_ID = "AKIDstrangerKey00001";
    private static final String STRANGER_SECRET_KEY = "stranger-Secret-Key-MUST-NOT-LEAK";

    private JenkinsRule r;
    private TatFixture tat;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new TencentCloudCredentialsImpl(CredentialsScope.GLOBAL, STRANGER_ID, "unknown to TAT", STRANGER_SECRET_ID,
                        Secret.fromString(STRANGER_SECRET_KEY)));
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    private WorkflowJob pipeline(String script) throws Exception {
        return TatFixture.pipeline(r, script);
    }

    private static String block(String credentialsId, String region, String body) {
        return "withTencentCloud(credentialsId: '" + credentialsId + "', region: '" + region + "') {\n" + body + "\n}\n";
    }

    @Test
    void configRoundTrip() throws Exception {
        WithTencentCloudStep step = new WithTencentCloudStep();
        step.setCredentialsId(CREDENTIALS_ID);
        step.setRegion(REGION);

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    @Test
    void theStepsInsideSeeTheKeyAndRegionMaskedAndTheStepsAfterDoNot() throws Exception {
        WorkflowJob p = pipeline(block(CREDENTIALS_ID, REGION,
                "echo \"inside: id=${env.TENCENTCLOUD_SECRET_ID} key=${env.TENCENTCLOUD_SECRET_KEY}"
                        + " region=${env.TENCENTCLOUD_REGION} length=${env.TENCENTCLOUD_SECRET_KEY.length()}\"")
                + "echo \"after: id=${env.TENCENTCLOUD_SECRET_ID} key=${env.TENCENTCLOUD_SECRET_KEY}"
                + " region=${env.TENCENTCLOUD_REGION}\"");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("inside: id=**** key=**** region=" + REGION + " length=" + SECRET_KEY.length(), b);
        r.assertLogContains("after: id=null key=null region=null", b);
        r.assertLogContains("masking $TENCENTCLOUD_SECRET_ID, $TENCENTCLOUD_SECRET_KEY", b);
        r.assertLogNotContains(SECRET_KEY, b);
        r.assertLogNotContains(SECRET_ID, b);
        r.assertLogNotContains("TENCENTCLOUD_SESSION_TOKEN", b); // a long-term key has no token
    }

    @Test
    void aShellStepInsideGetsTheExactKey() throws Exception {
        WorkflowJob p = pipeline(block(CREDENTIALS_ID, REGION,
                "node {\n  sh 'printf %s \"$TENCENTCLOUD_SECRET_ID:$TENCENTCLOUD_SECRET_KEY:$TENCENTCLOUD_REGION\""
                        + " | sha256sum'\n  sh 'echo \"key=$TENCENTCLOUD_SECRET_KEY\"'\n}"));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains(sha256(SECRET_ID + ":" + SECRET_KEY + ":" + REGION), b);
        r.assertLogContains("key=****", b);
        r.assertLogNotContains(SECRET_KEY, b);
    }

    @Test
    void theTatStepsInsideNeedNoCredentialsOrRegion() throws Exception {
        WorkflowJob p = pipeline(block(CREDENTIALS_ID, REGION,
                "def id = tatInvoke commandId: '" + COMMAND + "', instanceIds: ['" + CVM_1 + "', '" + CVM_2 + "']\n"
                        + "def tasks = tatWait invocationId: id\n"
                        + "echo \"waited: ${tasks.collect { it.status }}\"\n"
                        + "tatInvoke commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "', waitForCompletion: true"));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("waited: [SUCCESS, SUCCESS]", b);
        assertThat(tat.emu.executed("InvokeCommand")).isEqualTo(2);
        assertThat(tat.emu.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.headers().get("authorization")).contains("Credential=" + SECRET_ID + "/");
            assertThat(request.headers().get("x-tc-region")).isEqualTo(REGION);
        });
    }

    @Test
    void tatRunInsideNeedsNoCredentialsOrRegionEither() throws Exception {
        WorkflowJob p = pipeline(block(CREDENTIALS_ID, REGION,
                "def id = tatRun script: 'echo hello', instanceIds: '" + CVM_1 + "', waitForCompletion: true\n"
                        + "echo \"ran: ${id}\""));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(tat.emu.executed("RunCommand")).isEqualTo(1);
        r.assertLogContains("ran: " + tat.emu.invocations().get(0).invocationId(), b);
        assertThat(tat.emu.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.headers().get("authorization")).contains("Credential=" + SECRET_ID + "/");
            assertThat(request.headers().get("x-tc-region")).isEqualTo(REGION);
        });
    }

    @Test
    void aStepsOwnCredentialsAndRegionOverrideTheBlocks() throws Exception {
        WorkflowJob p = pipeline(block(STRANGER_ID, "ap-shanghai",
                "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', commandId: '" + COMMAND
                        + "', instanceIds: '" + CVM_1 + "', waitForCompletion: true\n"
                        + "echo \"region inside: ${env.TENCENTCLOUD_REGION}\""));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("region inside: ap-shanghai", b);
        assertThat(tat.emu.executed("InvokeCommand")).isEqualTo(1);
        assertThat(tat.emu.requests()).allSatisfy(request -> assertThat(request.headers().get("x-tc-region")).isEqualTo(REGION));
    }

    @Test
    void aStepsOwnRegionKeepsTheBlocksKey() throws Exception {
        // The block's key is unknown to TAT: a refused signature shows that the step used it.
        WorkflowJob p = pipeline(block(STRANGER_ID, "ap-shanghai",
                "tatInvoke region: '" + REGION + "', commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "'"));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("AuthFailure.SecretIdNotFound", b);
        RecordedRequest sent = tat.emu.requests().get(0);
        assertThat(sent.headers().get("authorization")).contains("Credential=" + STRANGER_SECRET_ID + "/");
        assertThat(sent.headers().get("x-tc-region")).isEqualTo(REGION);
        r.assertLogNotContains(STRANGER_SECRET_KEY, b);
    }

    @Test
    void anInnerBlockTakesWhatItLeavesOutFromTheOuterOne() throws Exception {
        WorkflowJob p = pipeline(block(CREDENTIALS_ID, "ap-shanghai",
                "withTencentCloud(region: '" + REGION + "') {\n"
                        + "  echo \"inner region: ${env.TENCENTCLOUD_REGION}\"\n"
                        + "  tatInvoke commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "', waitForCompletion: true\n"
                        + "}\n"
                        + "echo \"outer region: ${env.TENCENTCLOUD_REGION}\""));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("inner region: " + REGION, b);
        r.assertLogContains("outer region: ap-shanghai", b);
        r.assertLogContains("Tencent Cloud: API key '" + CREDENTIALS_ID + "' (AKID…0001), region " + REGION, b);
        assertThat(tat.emu.executed("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void aMissingCredentialFailsTheBlockClearlyAndRunsNothingInside() throws Exception {
        WorkflowJob p = pipeline(block("nope", REGION, "echo 'body ran'"));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("no credentials with ID 'nope' are available to this job", b);
        r.assertLogNotContains("body ran", b);
    }

    @Test
    void aBlockWithoutCredentialsOrWithAMalformedRegionFailsNamingTheField() throws Exception {
        WorkflowRun none = r.buildAndAssertStatus(Result.FAILURE, pipeline("withTencentCloud(region: 'ap-guangzhou') { echo 'body ran' }"));
        WorkflowRun badRegion = r.buildAndAssertStatus(Result.FAILURE,
                pipeline(block(CREDENTIALS_ID, "Guangzhou", "echo 'body ran'")));

        r.assertLogContains("credentialsId: is required", none);
        r.assertLogContains("[UnsupportedRegion]", badRegion);
        r.assertLogNotContains("body ran", none);
        r.assertLogNotContains("body ran", badRegion);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void aTatStepWithoutCredentialsOutsideABlockSaysWhereToGiveThem() throws Exception {
        WorkflowRun invoke = r.buildAndAssertStatus(Result.FAILURE,
                pipeline("tatInvoke region: '" + REGION + "', commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "'"));
        WorkflowRun wait = r.buildAndAssertStatus(Result.FAILURE, pipeline("tatWait invocationId: 'inv-abcd1234'"));

        r.assertLogContains("credentialsId is required", invoke);
        r.assertLogContains("withTencentCloud", invoke);
        r.assertLogContains("credentialsId: is required", wait);
        r.assertLogContains("Region: is required", wait);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void aFailureQuotingTheKeyIsMaskedWhenTheBuildPrintsIt() throws Exception {
        WorkflowJob p = pipeline(block(CREDENTIALS_ID, REGION, "error \"cannot use ${env.TENCENTCLOUD_SECRET_KEY}\""));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("cannot use ****", b);
        r.assertLogNotContains(SECRET_KEY, b);
    }

    @Test
    void theBlockRecordsTheUseOfTheCredentials() throws Exception {
        WorkflowJob p = pipeline(block(CREDENTIALS_ID, REGION, "echo 'inside'"));

        r.buildAndAssertSuccess(p);

        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(tat.credentials);
        assertThat(fingerprint).isNotNull();
        assertThat(fingerprint.getJobs()).contains(p.getFullName());
    }

    @Test
    void theStepFormsAcceptEmptyCredentialsAndRegionButTheBuildStepFormDoesNot() {
        TatInvokeStep.DescriptorImpl invoke = r.jenkins.getDescriptorByType(TatInvokeStep.DescriptorImpl.class);
        TatWaitStep.DescriptorImpl wait = r.jenkins.getDescriptorByType(TatWaitStep.DescriptorImpl.class);
        TatInvokeBuilder.DescriptorImpl builder = r.jenkins.getDescriptorByType(TatInvokeBuilder.DescriptorImpl.class);

        for (FormValidation check : new FormValidation[] {invoke.doCheckCredentialsId(null, ""), invoke.doCheckRegion(""),
                wait.doCheckCredentialsId(null, ""), wait.doCheckRegion("")}) {
            assertThat(check.kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(check.getMessage()).contains("enclosing withTencentCloud block");
        }
        assertThat(builder.doCheckCredentialsId(null, "").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(builder.doCheckRegion("").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(invoke.doCheckRegion("Guangzhou").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
