package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.CVM_3;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import io.jenkins.plugins.tat.invoke.TatInvokeStep;
import io.jenkins.plugins.tat.invoke.TatRunBuilder;
import io.jenkins.plugins.tat.invoke.TatRunStep;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The pre-flight checks of {@code tatInvoke}, {@code tatRun} and their build steps: agents with
 * DescribeAutomationAgentStatus, a saved command's parameters with DescribeCommands, each problem
 * named and nothing sent; their cost; and what a key without the permission gets.
 */
@WithJenkins
class TatPreflightTest {

    private static final String OFFLINE = "ins-offline1";
    private static final String UNKNOWN = "ins-zzzz9999";
    private static final String TEMPLATE = "cmd-template";

    private JenkinsRule r;
    private TatFixture tat;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
        tat.emu.instance(EmulatedInstance.cvm(OFFLINE).agentOnline(false));
        tat.emu.command(EmulatedCommand.builder(TEMPLATE).name("template").enableParameter(true)
                .content("deploy {{version}} to {{env}} as {{tat-hidden:token}}").defaultParameter("env", "prod").build());
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    private static String invoke(String commandId, String instances, String extra) {
        return "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', commandId: '" + commandId
                + "', instanceIds: '" + instances + "'" + extra;
    }

    private static String run(String instances, String extra) {
        return "tatRun credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', instanceIds: '" + instances
                + "', script: 'uptime'" + extra;
    }

    private List<String> actions() {
        return tat.emu.requests().stream().map(RecordedRequest::action).toList();
    }

    @Test
    void offlineAndMissingAgentsAreEachNamedAndNothingIsSent() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r,
                invoke(COMMAND, CVM_1 + " " + OFFLINE + " " + UNKNOWN, "")));

        r.assertLogContains("the TAT agent of 2 of 3 instance(s) is not online, so nothing was sent", b);
        r.assertLogContains(OFFLINE + " (agent offline)", b);
        r.assertLogContains(UNKNOWN + " (no agent known in " + REGION, b);
        r.assertLogContains("skipOfflineInstances: true", b);
        r.assertLogNotContains(CVM_1 + " (", b);
        assertThat(tat.emu.received("InvokeCommand")).isZero();
        assertThat(actions()).containsExactly("DescribeCommands", "DescribeAutomationAgentStatus");
    }

    @Test
    void itCostsOneAgentRequestAndOneDescribeCommandsUpTo100Instances() throws Exception {
        r.buildAndAssertSuccess(TatFixture.pipeline(r, invoke(COMMAND, CVM_1 + " " + CVM_2 + " " + CVM_3, "")));

        assertThat(actions()).containsExactly("DescribeCommands", "DescribeAutomationAgentStatus", "InvokeCommand");
    }

    @Test
    void past100InstancesTatInvokeChecksOnlyTheAgentsToStayWithinTwoRequests() throws Exception {
        List<String> fleet = new ArrayList<>();
        IntStream.range(0, 150).forEach(i -> {
            String id = String.format("ins-fleet%03d", i);
            fleet.add(id);
            tat.emu.instance(EmulatedInstance.cvm(id));
        });

        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, invoke(COMMAND, String.join(" ", fleet), "")));

        assertThat(actions()).containsExactly("DescribeAutomationAgentStatus", "DescribeAutomationAgentStatus", "InvokeCommand");
        r.assertLogContains("not checking the parameters of " + COMMAND + " against the command: with 150 instances it"
                + " would take 3 requests", b);
        r.assertLogContains("the agents of all 150 instance(s) are online", b);
    }

    @Test
    void skipOfflineInstancesRunsOnTheOnlineOnesAndNamesTheRest() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r,
                "def id = " + invoke(COMMAND, CVM_1 + " " + OFFLINE + " " + CVM_2, ", skipOfflineInstances: true")
                        + "\necho \"id=${id}\""));

        assertThat(tat.emu.invocations()).singleElement().satisfies(i -> assertThat(i.tasks())
                .extracting(t -> t.instanceId()).containsExactly(CVM_1, CVM_2));
        r.assertLogContains("leaving out 1 of 3 instance(s) whose TAT agent is not online: " + OFFLINE
                + " (agent offline); sending to the 2 others", b);
        r.assertLogContains("invoking " + COMMAND + " on 2 instance(s)", b);
        assertThat(b.getAction(TatInvocationAction.class).getInstanceCount()).isEqualTo(2);
    }

    @Test
    void skipOfflineInstancesStillFailsWhenNoAgentIsOnline() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r,
                run(OFFLINE, ", skipOfflineInstances: true")));

        r.assertLogContains("the TAT agent of 1 of 1 instance(s) is not online, so nothing was sent", b);
        assertThat(tat.emu.received("RunCommand")).isZero();
    }

    @Test
    void tatRunChecksTheAgentsWithOneRequestAndNeedsNoDescribeCommands() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r, run(CVM_1 + " " + OFFLINE, "")));

        r.assertLogContains(OFFLINE + " (agent offline)", b);
        assertThat(actions()).containsExactly("DescribeAutomationAgentStatus");
    }

    @Test
    void parametersAreCheckedAgainstTheSavedCommandEachProblemByName() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r,
                invoke(TEMPLATE, CVM_1, ", parameters: [verison: '1.2', token: 's3cr3t-NOT-SHOWN']")));

        r.assertLogContains("Invalid parameters for command " + TEMPLATE + " (checked with DescribeCommands", b);
        r.assertLogContains("'verison' is not a parameter of command " + TEMPLATE + ", which declares version, env, token", b);
        r.assertLogContains("gives no value for 'version', which command " + TEMPLATE + " uses and has no default for"
                + " [InvalidParameterValue.LackOfParameters]", b);
        r.assertLogContains("preflight: false", b);
        r.assertLogNotContains("s3cr3t", b);
        assertThat(actions()).containsExactly("DescribeCommands");
    }

    @Test
    void parametersForACommandWithoutEnableParameterAreRefusedBeforeSending() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r,
                invoke(COMMAND, CVM_1, ", parameters: [version: '1.2']")));

        r.assertLogContains("command " + COMMAND + " does not take parameters", b);
        r.assertLogContains("[InvalidParameterValue.ParameterDisabled]", b);
        assertThat(tat.emu.received("InvokeCommand")).isZero();
    }

    @Test
    void anUnknownCommandIsReportedBeforeSending() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r, invoke("cmd-zzzz9999", CVM_1, "")));

        r.assertLogContains("no command cmd-zzzz9999 in region " + REGION + " is visible to this API key"
                + " [ResourceNotFound.CommandNotFound]", b);
        assertThat(actions()).containsExactly("DescribeCommands");
    }

    @Test
    void preflightFalseSendsAtOnceAndTatRefusesTheOfflineAgentItself() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r,
                invoke(COMMAND, CVM_1 + " " + OFFLINE, ", preflight: false")));

        r.assertLogContains("ResourceUnavailable.AgentStatusNotOnline", b);
        assertThat(actions()).containsExactly("InvokeCommand");
    }

    @Test
    void aKeyWithoutThePermissionGetsAWarningNamingItAndTheInvocationIsSent() throws Exception {
        tat.emu.faults().forAction("DescribeAutomationAgentStatus").apiError("AuthFailure.UnauthorizedOperation", 1);

        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, run(CVM_1, "")));

        r.assertLogContains("WARNING: the API key may not call tat:DescribeAutomationAgentStatus"
                + " (AuthFailure.UnauthorizedOperation, RequestId: ", b);
        r.assertLogContains("Add tat:DescribeAutomationAgentStatus to the key's CAM policy", b);
        r.assertLogContains("preflight: false", b);
        assertThat(tat.emu.executed("RunCommand")).isEqualTo(1);
    }

    @Test
    void anotherFailureOfTheCheckFailsTheStepWithNothingSent() throws Exception {
        tat.emu.faults().forAction("DescribeAutomationAgentStatus").apiError("InvalidParameterValue", 1);

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r, run(CVM_1, "")));

        r.assertLogContains("TAT pre-flight: ", b);
        r.assertLogContains("InvalidParameterValue", b);
        r.assertLogContains("Nothing was sent", b);
        assertThat(tat.emu.received("RunCommand")).isZero();
    }

    @Test
    void theFreestyleStepsCheckToo() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        TatRunBuilder run = new TatRunBuilder(CVM_1 + " " + OFFLINE, "uptime");
        run.setCredentialsId(CREDENTIALS_ID);
        run.setRegion(REGION);
        p.getBuildersList().add(run);

        FreeStyleBuild failed = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains(OFFLINE + " (agent offline)", failed);
        assertThat(tat.emu.received("RunCommand")).isZero();

        run.setSkipOfflineInstances(true);
        r.buildAndAssertSuccess(p);
        assertThat(tat.emu.invocations()).singleElement().satisfies(i -> assertThat(i.tasks()).hasSize(1));

        FreeStyleProject q = r.createFreeStyleProject();
        TatInvokeBuilder invoke = new TatInvokeBuilder(CREDENTIALS_ID, REGION, TEMPLATE, CVM_1);
        q.getBuildersList().add(invoke);
        FreeStyleBuild lacking = r.buildAndAssertStatus(Result.FAILURE, q);
        r.assertLogContains("gives no value for 'version'", lacking);
    }

    @Test
    void theOptionsRoundTripThroughTheForms() throws Exception {
        TatInvokeStep step = new TatInvokeStep(COMMAND, CVM_1);
        step.setCredentialsId(CREDENTIALS_ID);
        step.setRegion(REGION);
        step.setPreflight(false);
        step.setSkipOfflineInstances(true);
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));

        TatRunStep runStep = new TatRunStep(CVM_1, "uptime");
        runStep.setCredentialsId(CREDENTIALS_ID);
        runStep.setRegion(REGION);
        runStep.setCommandType("SHELL");
        runStep.setSkipOfflineInstances(true);
        r.assertEqualDataBoundBeans(runStep, new StepConfigTester(r).configRoundTrip(runStep));

        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1);
        builder.setPreflight(false);
        r.assertEqualDataBoundBeans(builder, r.configRoundtrip(builder));
        assertThat(new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1).isPreflight()).as("on by default").isTrue();
    }

    @Test
    void aFreestyleJobSavedBeforeTheCheckExistedHasItOn() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("old");
        p.getBuildersList().add(new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1 + " " + OFFLINE));
        p.save();
        // Saved without the option, as a job configured before it existed is.
        assertThat(TatFixture.read(p.getRootDir().toPath().resolve("config.xml"))).doesNotContain("preflight")
                .contains("<commandId>" + COMMAND + "</commandId>");
        r.jenkins.reload();

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, r.jenkins.getItemByFullName("old", FreeStyleProject.class));

        r.assertLogContains(OFFLINE + " (agent offline)", b);
        assertThat(tat.emu.received("InvokeCommand")).isZero();
    }
}
