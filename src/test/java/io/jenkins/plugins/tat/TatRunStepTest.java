package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInvocation;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.invoke.TatRunStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code tatRun} in sandboxed Pipelines, against the TAT emulator's RunCommand. */
@WithJenkins
class TatRunStepTest {

    private static final String SCRIPT = "echo deploying {{version}}\nexport TOKEN='{{tat-hidden:token}}'\n";

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

    /** {@code tatRun} of {@code script} (a Groovy string literal) on both CVM instances, plus {@code extra}. */
    private static String run(String scriptLiteral, String extra) {
        return "tatRun credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', instanceIds: ['" + CVM_1
                + "', '" + CVM_2 + "'], script: " + scriptLiteral + extra;
    }

    private static String groovy(String text) {
        return "'''" + text.replace("\\", "\\\\") + "'''";
    }

    private EmulatedInvocation onlyInvocation() {
        assertThat(tat.emu.invocations()).hasSize(1);
        return tat.emu.invocations().get(0);
    }

    @Test
    void configRoundTrip() throws Exception {
        TatRunStep step = new TatRunStep(CVM_1 + "\n" + CVM_2, "Write-Output {{who}}");
        step.setCredentialsId(CREDENTIALS_ID);
        step.setRegion(REGION);
        step.setCommandType("POWERSHELL");
        step.setParameters("{\"who\":\"jenkins\"}");
        step.setDefaultParameters("{\"who\":\"nobody\"}");
        step.setUsername("deploy");
        step.setWorkingDirectory("C:\\app");
        step.setTimeout(600);
        step.setCommandName("greet");
        step.setDescription("Greets");
        step.setSaveCommand(true);
        step.setOutputCosBucketUrl("https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com");
        step.setOutputCosKeyPrefix("logs/run");
        step.setWaitForCompletion(true);
        step.setFailOnTaskFailure(false);
        step.setWaitTimeout(1200);

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    @Test
    void sendsTheScriptReturnsTheInvocationIdAndLaterStagesSeeIt() throws Exception {
        WorkflowJob p = pipeline("def id\nstage('run') {\n  id = " + run(groovy(SCRIPT),
                ", parameters: [version: '1.4.2', token: 'tok-Value-NOT-IN-LOG'], commandName: 'deploy-web'")
                + "\n  echo \"returned=${id}\"\n}\n"
                + "stage('later') {\n  echo \"env=${env.TAT_INVOCATION_ID} command=${env.TAT_COMMAND_ID}\"\n}");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        EmulatedInvocation invocation = onlyInvocation();
        String id = invocation.invocationId();
        r.assertLogContains("returned=" + id, b);
        r.assertLogContains("env=" + id + " command=null", b);
        r.assertLogContains("running a SHELL script of " + SCRIPT.length() + " bytes 'deploy-web' on 2 instance(s) in "
                + REGION, b);
        EmulatedCommand sent = tat.emu.invocationCommand(id);
        assertThat(sent.content()).isEqualTo(SCRIPT);
        assertThat(sent.name()).isEqualTo("deploy-web");
        assertThat(invocation.parameters()).contains("\"version\":\"1.4.2\"").contains("******")
                .doesNotContain("tok-Value");
        assertThat(tat.emu.hasCommand(invocation.commandId())).as("not saved").isFalse();
        r.assertLogNotContains("echo deploying", b);
        r.assertLogNotContains("tok-Value-NOT-IN-LOG", b);
        TatInvocationAction action = b.getAction(TatInvocationAction.class);
        assertThat(action.getInvocationId()).isEqualTo(id);
        assertThat(action.getCommandId()).isEqualTo(invocation.commandId());
        assertThat(action.getSavedCommandId()).isNull();
    }

    @Test
    void waitsPrintsEachOutputAndFailsWhenATaskFails() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().output("all good\n"));
        tat.emu.script(CVM_2, TaskScript.failure(3).output("disk full\n"));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, pipeline(run("'df -h'", ", waitForCompletion: true")));

        r.assertLogContains("---- " + CVM_1 + ": SUCCESS, exit code 0", b);
        r.assertLogContains("all good", b);
        r.assertLogContains("---- " + CVM_2 + ": FAILED, exit code 3", b);
        r.assertLogContains("disk full", b);
        r.assertLogContains("1 of 2 tasks of " + onlyInvocation().invocationId() + " did not succeed", b);
        assertThat(b.getAction(TatInvocationAction.class).getTasks()).hasSize(2);
    }

    @Test
    void failOnTaskFailureFalseOnlyReports() throws Exception {
        tat.emu.script(CVM_2, TaskScript.failure(3));

        WorkflowRun b = r.buildAndAssertSuccess(pipeline("def id = " + run("'df -h'",
                ", waitForCompletion: true, failOnTaskFailure: false") + "\necho \"returned=${id}\""));

        r.assertLogContains("returned=" + onlyInvocation().invocationId(), b);
        r.assertLogContains("---- " + CVM_2 + ": FAILED, exit code 3", b);
    }

    @Test
    void saveCommandSetsTatCommandIdWhichTatInvokeCanRunLater() throws Exception {
        WorkflowJob p = pipeline(run("'echo {{v}}'", ", saveCommand: true, commandName: 'kept', description: 'saved by CI',"
                + " defaultParameters: [v: 'one']") + "\n"
                + "echo \"saved=${env.TAT_COMMAND_ID}\"\n"
                + "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', commandId: env.TAT_COMMAND_ID,"
                + " instanceIds: '" + CVM_1 + "', parameters: [v: 'two']");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        List<EmulatedInvocation> invocations = tat.emu.invocations();
        assertThat(invocations).hasSize(2);
        String saved = invocations.get(0).commandId();
        assertThat(tat.emu.hasCommand(saved)).isTrue();
        assertThat(invocations.get(1).commandId()).isEqualTo(saved);
        assertThat(invocations.get(1).parameters()).contains("\"v\":\"two\"");
        r.assertLogContains("saved=" + saved, b);
        r.assertLogContains("the script was saved as command " + saved + "; TAT_COMMAND_ID is set", b);
        assertThat(b.getActions(TatInvocationAction.class).get(0).getSavedCommandId()).isEqualTo(saved);
        assertThat(tat.emu.invocationCommand(invocations.get(0).invocationId()).description()).isEqualTo("saved by CI");
    }

    @Test
    void invalidArgumentsFailTheStepNamingEachAndSendNothing() throws Exception {
        WorkflowJob p = pipeline(run("'" + "#".repeat(50_000) + " {{a}}'", ", commandType: 'bash', commandName: 'has space',"
                + " timeout: 0, parameters: [b: '1']"));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Invalid tatRun arguments", b);
        r.assertLogContains("Content: the script has 50006 bytes in UTF-8", b);
        r.assertLogContains("at most 49152 bytes (48 KB)", b);
        r.assertLogContains("CommandType: 'bash' is not a command type", b);
        r.assertLogContains("CommandName: 'has space' may contain only", b);
        r.assertLogContains("Timeout: 0 is out of range", b);
        r.assertLogContains("nothing was sent", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void aPlaceholderWithoutAValueOrAnUnusedNameFailsBeforeSending() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, pipeline(run("'deploy {{version}}'",
                ", parameters: [verison: '1.0']")));

        r.assertLogContains("gives no value for 'version', which the script uses as {{version}}", b);
        r.assertLogContains("'verison' is not used by the script", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void withoutParametersTheBracesAreSentAsTheyAre() throws Exception {
        r.buildAndAssertSuccess(pipeline(run("'echo {{not-a-parameter}}'", "")));

        assertThat(tat.emu.invocationCommand(onlyInvocation().invocationId()).enableParameter()).isFalse();
    }

    @Test
    void anApiRefusalShowsItsCode() throws Exception {
        tat.emu.setAgentOnline(CVM_2, false);

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, pipeline(run("'uptime'", ", preflight: false")));

        r.assertLogContains("ResourceUnavailable.AgentStatusNotOnline", b);
        r.assertLogContains("RequestId: ", b);
        assertThat(tat.emu.invocations()).isEmpty();
    }

    @Test
    void abortingCancelsTheInvocation() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().pendingFor(Duration.ofMinutes(30)));
        tat.emu.script(CVM_2, TaskScript.success().runningFor(Duration.ofMinutes(30)));
        WorkflowRun b = pipeline(run("'sleep 1800'", ", waitForCompletion: true")).scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for inv-", b);

        b.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        String id = onlyInvocation().invocationId();
        assertThat(tat.emu.executed("CancelInvocation")).isEqualTo(1);
        assertThat(tat.emu.invocation(id).task(CVM_1).status()).isEqualTo("CANCELLED");
        assertThat(tat.emu.invocation(id).task(CVM_2).status()).isEqualTo("TERMINATED");
        r.assertLogContains("cancelling invocation " + id, b);
        assertThat(tat.emu.executed("RunCommand")).isEqualTo(1);
    }

    @Test
    void theGraphShowsTheCommandNameNeverTheScript() {
        TatRunStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(TatRunStep.DescriptorImpl.class);

        assertThat(descriptor.argumentsToString(Map.of("script", "secret stuff", "commandName", "restart"))).isEqualTo("restart");
        assertThat(descriptor.argumentsToString(Map.of("script", "secret stuff"))).isNull();
    }
}
