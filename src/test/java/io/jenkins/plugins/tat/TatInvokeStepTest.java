package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.PARAM_COMMAND;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static io.jenkins.plugins.tat.TatFixture.SECRET_ID;
import static io.jenkins.plugins.tat.TatFixture.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.EmulatedInvocation;
import io.jenkins.plugins.tat.invoke.TatInvokeStep;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code tatInvoke} in sandboxed Pipelines, against the TAT emulator. */
@WithJenkins
class TatInvokeStepTest {

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

    private WorkflowJob pipeline(String script) throws Exception {
        return TatFixture.pipeline(r, script);
    }

    private static String invoke(String extra) {
        return "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', commandId: '" + COMMAND
                + "', instanceIds: ['" + CVM_1 + "', '" + CVM_2 + "']" + extra;
    }

    @Test
    void configRoundTrip() throws Exception {
        TatInvokeStep step = new TatInvokeStep(COMMAND, CVM_1 + "\n" + CVM_2);
        step.setCredentialsId(CREDENTIALS_ID);
        step.setRegion(REGION);
        step.setParameters("{\"version\":\"1.0\"}");
        step.setUsername("deploy");
        step.setWorkingDirectory("/srv/app");
        step.setTimeout(600);
        step.setOutputCosBucketUrl("https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com");
        step.setOutputCosKeyPrefix("logs/deploy");
        step.setWaitForCompletion(true);
        step.setFailOnTaskFailure(false);
        step.setWaitTimeout(1200);

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    @Test
    @SuppressWarnings("deprecation") // the old constructor, kept for Java callers
    void theConstructorOfOldTakesTheKeyAndRegionTheSettersNowTake() throws Exception {
        TatInvokeStep old = new TatInvokeStep(CREDENTIALS_ID, REGION, COMMAND, List.of(CVM_1));
        TatInvokeStep now = new TatInvokeStep(COMMAND, List.of(CVM_1));
        now.setCredentialsId(CREDENTIALS_ID);
        now.setRegion(REGION);

        r.assertEqualDataBoundBeans(now, old);
    }

    @Test
    void returnsTheInvocationIdAndLaterStagesSeeIt() throws Exception {
        WorkflowJob p = pipeline("def id\n"
                + "stage('invoke') {\n  id = " + invoke("") + "\n  echo \"returned=${id}\"\n}\n"
                + "stage('later') {\n  echo \"env=${env.TAT_INVOCATION_ID}\"\n"
                + "  node { if (isUnix()) { sh 'echo shell=$TAT_INVOCATION_ID' } else { bat 'echo shell=%TAT_INVOCATION_ID%' } }\n}");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(tat.emu.invocations()).hasSize(1);
        String id = tat.emu.invocations().get(0).invocationId();
        r.assertLogContains("returned=" + id, b);
        r.assertLogContains("env=" + id, b);
        r.assertLogContains("shell=" + id, b);
        r.assertLogContains("invoking " + COMMAND + " on 2 instance(s) in " + REGION, b);
        assertThat(b.getAction(TatInvocationAction.class).getInvocationId()).isEqualTo(id);
        assertThat(CredentialsProvider.getFingerprintOf(tat.credentials)).as("credential use is tracked").isNotNull();
    }

    @Test
    void acceptsInstanceIdsAsOneStringAndParametersAsAMap() throws Exception {
        WorkflowJob p = pipeline("tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', commandId: '" + PARAM_COMMAND + "', instanceIds: '" + CVM_1 + ", " + CVM_2 + "',"
                + " parameters: [version: \"2.${1 + 1}\"]");

        r.buildAndAssertSuccess(p);

        EmulatedInvocation invocation = tat.emu.invocations().get(0);
        assertThat(invocation.tasks()).hasSize(2);
        assertThat(invocation.parameters()).contains("\"version\":\"2.2\"");
    }

    @Test
    void anInvalidArgumentFailsTheStepNamingItAndSendsNothing() throws Exception {
        WorkflowJob p = pipeline("tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', commandId: 'deploy', instanceIds: '" + CVM_1 + " lhins-bbbb0001', timeout: 0,"
                + " parameters: [port: 8080]");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("CommandId: 'deploy' is not a command ID", b);
        r.assertLogContains("InvalidParameterValue.InconsistentInstance", b);
        r.assertLogContains("Timeout: 0 is out of range", b);
        r.assertLogContains("ParameterValueNotString", b);
        r.assertLogContains("nothing was sent", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void aParameterNameThatIsNotAStringFailsTheStepAndSendsNothing() throws Exception {
        WorkflowJob p = pipeline("tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', commandId: '" + PARAM_COMMAND + "', instanceIds: '" + CVM_1 + "',"
                + " parameters: [(null): 's3cr3t-one', (42): 's3cr3t-two']");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Parameters: entry 1 has no name (its key is null)", b);
        r.assertLogContains("Parameters: entry 2 has a name of type Integer, not a string", b);
        r.assertLogContains("InvalidParameterValue.ParameterInvalidJsonFormat", b);
        r.assertLogNotContains("s3cr3t", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void aParameterNameWrittenAsAGStringIsTakenAsItsText() throws Exception {
        WorkflowJob p = pipeline("def name = 'version'\n"
                + "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', commandId: '" + PARAM_COMMAND + "', instanceIds: '" + CVM_1 + "',"
                + " parameters: [\"${name}\": '3.1']");

        r.buildAndAssertSuccess(p);

        assertThat(tat.emu.invocations().get(0).parameters()).contains("\"version\":\"3.1\"");
    }

    @Test
    void missingCredentialsFailTheStepClearly() throws Exception {
        WorkflowJob p = pipeline("tatInvoke credentialsId: 'nope', region: '" + REGION + "', commandId: '" + COMMAND
                + "', instanceIds: '" + CVM_1 + "'");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("no credentials with ID 'nope'", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void aQuotedCredentialsIdCannotForgeLogLines() throws Exception {
        WorkflowJob p = pipeline("tatInvoke credentialsId: 'nope\\n[Pipeline] echo forged\\u200b', region: '" + REGION
                + "', commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "'");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("no credentials with ID 'nope\\u000a[Pipeline] echo forged\\u200b'", b);
        r.assertLogNotContains("\n[Pipeline] echo forged", b);
    }

    @Test
    void anApiErrorShowsItsCodeAndRequestId() throws Exception {
        WorkflowJob p = pipeline("tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', commandId: 'cmd-zzzz9999', instanceIds: '" + CVM_1 + "'");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("ResourceNotFound.CommandNotFound", b);
        r.assertLogContains("RequestId: ", b);
        assertThat(tat.emu.executed("InvokeCommand")).isZero();
    }

    @Test
    void aUsernamePasswordCredentialServesAsAnApiKey() throws Exception {
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "userpass", "key as user/password",
                        SECRET_ID, SECRET_KEY));
        WorkflowJob p = pipeline("tatInvoke credentialsId: 'userpass', region: '" + REGION + "', commandId: '" + COMMAND
                + "', instanceIds: '" + CVM_1 + "'");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(tat.emu.executed("InvokeCommand")).isEqualTo(1);
        r.assertLogNotContains(SECRET_KEY, b);
    }

    @Test
    void theSecretKeyReachesNeitherTheLogNorBuildXml() throws Exception {
        WorkflowJob p = pipeline(invoke(", waitForCompletion: true") + "\n"
                + "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', commandId: 'cmd-zzzz9999', instanceIds: '" + CVM_1 + "'");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogNotContains(SECRET_KEY, b);
        assertThat(TatFixture.read(b.getRootDir().toPath().resolve("build.xml"))).doesNotContain(SECRET_KEY);
        assertThat(TatFixture.read(p.getRootDir().toPath().resolve("config.xml"))).doesNotContain(SECRET_KEY);
        assertThat(TatFixture.read(r.jenkins.getRootDir().toPath().resolve("credentials.xml"))).doesNotContain(SECRET_KEY);
    }
}
