package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Aborting a build that waits for an invocation cancels the invocation at TAT. */
@WithJenkins
class TatAbortTest {

    private JenkinsRule r;
    private TatFixture tat;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
        // One task still waiting for delivery, one running: cancelling turns them into
        // CANCELLED and TERMINATED.
        tat.emu.script(CVM_1, TaskScript.success().pendingFor(Duration.ofMinutes(30)));
        tat.emu.script(CVM_2, TaskScript.success().runningFor(Duration.ofMinutes(30)));
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    @Test
    void abortingAPipelineCancelsTheInvocation() throws Exception {
        WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + " " + CVM_2 + "', waitForCompletion: true", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for inv-", b);

        b.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        String id = tat.emu.invocations().get(0).invocationId();
        assertThat(tat.emu.executed("CancelInvocation")).isEqualTo(1);
        assertThat(tat.emu.invocation(id).task(CVM_1).status()).isEqualTo("CANCELLED");
        assertThat(tat.emu.invocation(id).task(CVM_2).status()).isEqualTo("TERMINATED");
        r.assertLogContains("cancelling invocation " + id, b);
        r.assertLogContains("cancelled " + id + " (RequestId ", b);
        assertThat(tat.emu.executed("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void abortingAFreestyleBuildCancelsTheInvocation() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1 + " " + CVM_2);
        builder.setWaitForCompletion(true);
        p.getBuildersList().add(builder);
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for inv-", b);

        b.getExecutor().interrupt();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        String id = tat.emu.invocations().get(0).invocationId();
        assertThat(tat.emu.executed("CancelInvocation")).isEqualTo(1);
        assertThat(tat.emu.invocation(id).task(CVM_2).status()).isEqualTo("TERMINATED");
        r.assertLogContains("cancelled " + id, b);
    }
}
