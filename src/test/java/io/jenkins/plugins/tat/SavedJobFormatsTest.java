package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInvocation;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import io.jenkins.plugins.tat.invoke.TatRunBuilder;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Freestyle jobs saved by a released version keep loading with every field as it was set, and run
 * as configured. The {@code config.xml} files under {@code formats/config/} were written by the
 * plugin as it was when they were checked in (XStream, from a job configured with every field);
 * {@code invoke-builder-before-preflight.xml} is the same job as a version before the pre-flight
 * checks wrote it: without {@code preflight} and {@code skipOfflineInstances}, so the checks must
 * be on. A change that breaks one of them breaks the jobs of every user who upgrades.
 */
@WithJenkins
class SavedJobFormatsTest {

    private static final String COS_URL = "https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com";

    private JenkinsRule r;
    private TatEmulator emu;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        emu = TatFixture.emulator(java.time.Clock.systemUTC());
        TatFixture.configure(r, emu);
        emu.script(TatFixture.CVM_2, TaskScript.failure(3).output("not deployed\n"));
    }

    @AfterEach
    void tearDown() {
        emu.close();
    }

    private FreeStyleProject load(String name, String fixture) throws Exception {
        try (InputStream in = SavedJobFormatsTest.class.getResourceAsStream("formats/config/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return (FreeStyleProject) r.jenkins.createProjectFromXML(name, in);
        }
    }

    private RecordedRequest onlyRequest(String action) {
        List<RecordedRequest> sent = emu.requests().stream().filter(q -> action.equals(q.action())).toList();
        assertThat(sent).as(action).hasSize(1);
        return sent.get(0);
    }

    @Test
    @Timeout(120)
    void aSavedInvokeBuilderKeepsEveryFieldAndRunsAsConfigured() throws Exception {
        FreeStyleProject p = load("invoke", "invoke-builder.xml");

        TatInvokeBuilder b = p.getBuildersList().get(TatInvokeBuilder.class);
        assertInvokeFields(b);
        assertThat(b.isPreflight()).isFalse();
        assertThat(b.isSkipOfflineInstances()).isTrue();

        FreeStyleBuild build = r.buildAndAssertSuccess(p); // failOnTaskFailure: false
        assertRanAsConfigured(build);
        assertThat(emu.received("DescribeAutomationAgentStatus")).as("preflight: false").isZero();
        assertThat(emu.received("DescribeCommands")).isZero();
    }

    @Test
    @Timeout(120)
    void anInvokeBuilderSavedBeforeThePreflightChecksHasThemOn() throws Exception {
        FreeStyleProject p = load("old", "invoke-builder-before-preflight.xml");

        TatInvokeBuilder b = p.getBuildersList().get(TatInvokeBuilder.class);
        assertInvokeFields(b);
        assertThat(b.isPreflight()).as("the checks are on for a job saved before they existed").isTrue();
        assertThat(b.isSkipOfflineInstances()).isFalse();

        FreeStyleBuild build = r.buildAndAssertSuccess(p);
        assertRanAsConfigured(build);
        assertThat(emu.received("DescribeAutomationAgentStatus")).isEqualTo(1);
        assertThat(emu.received("DescribeCommands")).as("the parameters checked against the command").isEqualTo(1);
        r.assertLogContains("TAT pre-flight: the agents of all 2 instance(s) are online", build);
    }

    private static void assertInvokeFields(TatInvokeBuilder b) {
        assertThat(b.getCredentialsId()).isEqualTo(TatFixture.CREDENTIALS_ID);
        assertThat(b.getRegion()).isEqualTo(TatFixture.REGION);
        assertThat(b.getCommandId()).isEqualTo(TatFixture.PARAM_COMMAND);
        assertThat(b.getInstanceIds()).isEqualTo(TatFixture.CVM_1 + "\n" + TatFixture.CVM_2);
        assertThat(b.getParameters()).isEqualTo("{\"version\":\"2.0\"}");
        assertThat(b.getUsername()).isEqualTo("deploy");
        assertThat(b.getWorkingDirectory()).isEqualTo("/srv/app");
        assertThat(b.getTimeout()).isEqualTo(300);
        assertThat(b.getOutputCosBucketUrl()).isEqualTo(COS_URL);
        assertThat(b.getOutputCosKeyPrefix()).isEqualTo("logs/deploy");
        assertThat(b.isWaitForCompletion()).isTrue();
        assertThat(b.isFailOnTaskFailure()).isFalse();
        assertThat(b.getWaitTimeout()).isEqualTo(1200);
    }

    private void assertRanAsConfigured(FreeStyleBuild build) throws Exception {
        assertThat(emu.invocations()).hasSize(1);
        EmulatedInvocation invocation = emu.invocations().get(0);
        assertThat(invocation.commandId()).isEqualTo(TatFixture.PARAM_COMMAND);
        assertThat(invocation.region()).isEqualTo(TatFixture.REGION);
        assertThat(invocation.username()).isEqualTo("deploy");
        assertThat(invocation.workingDirectory()).isEqualTo("/srv/app");
        assertThat(invocation.timeoutSeconds()).isEqualTo(300);
        assertThat(invocation.parameters()).contains("\"version\":\"2.0\"");
        assertThat(invocation.tasks()).hasSize(2);
        String body = onlyRequest("InvokeCommand").body();
        assertThat(body).contains(COS_URL, "logs/deploy");
        // waited, and a failed task did not fail the build
        r.assertLogContains("1 of 2 tasks of " + invocation.invocationId() + " did not succeed: " + TatFixture.CVM_2
                + " FAILED (exit code 3)", build);
        r.assertLogContains("Not failing, because failOnTaskFailure is false.", build);
    }

    @Test
    @Timeout(120)
    void aSavedRunBuilderKeepsEveryFieldAndRunsAsConfigured() throws Exception {
        FreeStyleProject p = load("run", "run-builder.xml");

        TatRunBuilder b = p.getBuildersList().get(TatRunBuilder.class);
        assertThat(b.getCredentialsId()).isEqualTo(TatFixture.CREDENTIALS_ID);
        assertThat(b.getRegion()).isEqualTo(TatFixture.REGION);
        assertThat(b.getInstanceIds()).isEqualTo(TatFixture.CVM_1 + "\n" + TatFixture.CVM_2);
        assertThat(b.getScript()).isEqualTo("echo deploying {{version}}\n");
        assertThat(b.getCommandType()).isEqualTo("SHELL");
        assertThat(b.getParameters()).isEqualTo("{\"version\":\"2.0\"}");
        assertThat(b.getDefaultParameters()).isEqualTo("{\"version\":\"0.9\"}");
        assertThat(b.getUsername()).isEqualTo("deploy");
        assertThat(b.getWorkingDirectory()).isEqualTo("/srv/app");
        assertThat(b.getTimeout()).isEqualTo(300);
        assertThat(b.getCommandName()).isEqualTo("deploy-app");
        assertThat(b.getDescription()).isEqualTo("Deploys the app");
        assertThat(b.isSaveCommand()).isTrue();
        assertThat(b.getOutputCosBucketUrl()).isEqualTo(COS_URL);
        assertThat(b.getOutputCosKeyPrefix()).isEqualTo("logs/run");
        assertThat(b.isWaitForCompletion()).isTrue();
        assertThat(b.isFailOnTaskFailure()).isFalse();
        assertThat(b.getWaitTimeout()).isEqualTo(1200);
        assertThat(b.isPreflight()).isTrue();
        assertThat(b.isSkipOfflineInstances()).isTrue();

        FreeStyleBuild build = r.buildAndAssertSuccess(p);

        assertThat(emu.invocations()).hasSize(1);
        EmulatedInvocation invocation = emu.invocations().get(0);
        EmulatedCommand command = emu.invocationCommand(invocation.invocationId());
        assertThat(command.content()).isEqualTo("echo deploying {{version}}\n");
        assertThat(command.type()).isEqualTo("SHELL");
        assertThat(command.name()).isEqualTo("deploy-app");
        assertThat(command.description()).isEqualTo("Deploys the app");
        assertThat(emu.hasCommand(command.commandId())).as("saveCommand").isTrue();
        assertThat(invocation.username()).isEqualTo("deploy");
        assertThat(invocation.workingDirectory()).isEqualTo("/srv/app");
        assertThat(invocation.timeoutSeconds()).isEqualTo(300);
        assertThat(invocation.parameters()).contains("\"version\":\"2.0\"");
        assertThat(onlyRequest("RunCommand").body()).contains("logs/run", "0.9");
        assertThat(emu.received("DescribeAutomationAgentStatus")).as("preflight: true").isEqualTo(1);
        r.assertLogContains("did not succeed: " + TatFixture.CVM_2 + " FAILED (exit code 3)", build);
        assertThat(build.getEnvironment(hudson.model.TaskListener.NULL).get("TAT_COMMAND_ID")).isEqualTo(command.commandId());
    }
}
