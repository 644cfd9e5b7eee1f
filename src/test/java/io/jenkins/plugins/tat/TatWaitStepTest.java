package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.wait.TatWaitStep;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code tatWait} and {@code tatInvoke(waitForCompletion: true)} in sandboxed Pipelines. */
@WithJenkins
class TatWaitStepTest {

    private static final String KEY = "credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "'";

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

    @Test
    void configRoundTrip() throws Exception {
        TatWaitStep step = new TatWaitStep("inv-abcd1234");
        step.setCredentialsId(CREDENTIALS_ID);
        step.setRegion(REGION);
        step.setWaitTimeout(300);
        step.setFailOnTaskFailure(false);

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    @Test
    void aLaterStageWaitsAndReadsEachTask() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().output("ok one\n"));
        tat.emu.script(CVM_2, TaskScript.failure(2).output("boom\n"));
        WorkflowJob p = pipeline("def id\n"
                + "stage('deploy') { id = tatInvoke " + KEY + ", commandId: '" + COMMAND + "', instanceIds: ['" + CVM_1
                + "', '" + CVM_2 + "'] }\n"
                + "stage('verify') {\n"
                + "  def tasks = tatWait " + KEY + ", invocationId: id, failOnTaskFailure: false\n"
                + "  for (t in tasks) { echo \"task ${t.instanceId} ${t.status} ${t.exitCode} [${t.output.trim()}]\" }\n"
                + "  echo \"failed=${tasks.findAll { it.status != 'SUCCESS' }.collect { it.instanceId }}\"\n"
                + "}");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("task " + CVM_1 + " SUCCESS 0 [ok one]", b);
        r.assertLogContains("task " + CVM_2 + " FAILED 2 [boom]", b);
        r.assertLogContains("failed=[" + CVM_2 + "]", b);
        assertThat(b.getActions(TatInvocationAction.class)).hasSize(1);
    }

    @Test
    void waitForCompletionSucceedsAndShowsTheOutput() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().output("hello from one\n"));
        WorkflowJob p = pipeline("def id = tatInvoke " + KEY + ", commandId: '" + COMMAND + "', instanceIds: '" + CVM_1
                + "', waitForCompletion: true\necho \"id=${id}\"");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("---- " + CVM_1 + ": SUCCESS, exit code 0", b);
        r.assertLogContains("hello from one", b);
        r.assertLogContains("1 succeeded (1 task)", b);
        r.assertLogContains("to finish (at most 3600 s)", b); // the default wait timeout, rounded and ungrouped
        r.assertLogContains("id=" + tat.emu.invocations().get(0).invocationId(), b);
    }

    @Test
    void waitForCompletionFailsWhenATaskFails() throws Exception {
        tat.emu.script(CVM_2, TaskScript.startFailed("UserNotExists: user `bob` not exists"));
        WorkflowJob p = pipeline("tatInvoke " + KEY + ", commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + " " + CVM_2
                + "', waitForCompletion: true");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("---- " + CVM_2 + ": START_FAILED", b);
        r.assertLogContains("Error: UserNotExists: user `bob` not exists", b);
        r.assertLogContains("1 of 2 tasks", b);
    }

    @Test
    void aWaitTimeoutNamesTheUnfinishedInstances() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().runningFor(java.time.Duration.ofMinutes(30)));
        WorkflowJob p = pipeline("tatInvoke " + KEY + ", commandId: '" + COMMAND + "', instanceIds: '" + CVM_1
                + "', waitForCompletion: true, waitTimeout: 2");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Gave up waiting", b);
        r.assertLogContains(CVM_1 + " RUNNING", b);
        assertThat(tat.emu.executed("CancelInvocation")).as("a timeout does not cancel").isZero();
    }

    @Test
    void malformedArgumentsFailAtOnce() throws Exception {
        WorkflowJob p = pipeline("tatWait " + KEY + ", invocationId: 'inv_12'");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("invocationId: 'inv_12' is not an invocation ID", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void anUnknownInvocationIsReported() throws Exception {
        WorkflowJob p = pipeline("tatWait " + KEY + ", invocationId: 'inv-zzzz9999'");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("inv-zzzz9999 was not found in region " + REGION, b);
    }

    @Test
    void theBuildPageListsEachInstance() throws Exception {
        tat.emu.script(CVM_2, TaskScript.failure(7));
        WorkflowJob p = pipeline("tatInvoke " + KEY + ", commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + " " + CVM_2
                + "', waitForCompletion: true, failOnTaskFailure: false");
        WorkflowRun b = r.buildAndAssertSuccess(p);
        TatInvocationAction action = b.getAction(TatInvocationAction.class);

        HtmlPage page = r.createWebClient().getPage(b, action.getUrlName());

        String text = page.asNormalizedText();
        assertThat(text).contains(action.getInvocationId()).contains(REGION).contains(COMMAND)
                .contains(CVM_1).contains("SUCCESS").contains(CVM_2).contains("FAILED").contains("7");
        assertThat(page.getAnchors()).anySatisfy(a -> assertThat(a.getHrefAttribute()).startsWith("https://console.cloud.tencent.com/tat"));
    }
}
