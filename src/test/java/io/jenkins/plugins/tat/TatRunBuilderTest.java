package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import hudson.tasks.Shell;
import io.jenkins.plugins.tat.client.emulator.EmulatedInvocation;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.invoke.TatRunBuilder;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step "Run a script on Tencent Cloud instances", against the TAT emulator. */
@WithJenkins
class TatRunBuilderTest {

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

    private static TatRunBuilder builder(String script) {
        TatRunBuilder builder = new TatRunBuilder(CVM_1 + "\n" + CVM_2, script);
        builder.setCredentialsId(CREDENTIALS_ID);
        builder.setRegion(REGION);
        return builder;
    }

    @Test
    void configRoundTrip() throws Exception {
        TatRunBuilder builder = builder("echo {{version}}\n$HOME stays\n");
        builder.setCommandType("SHELL");
        builder.setParameters("{\"version\":\"1.0\"}");
        builder.setDefaultParameters("{\"version\":\"0.9\"}");
        builder.setUsername("deploy");
        builder.setWorkingDirectory("/srv/app");
        builder.setTimeout(600);
        builder.setCommandName("deploy");
        builder.setDescription("Deploys");
        builder.setSaveCommand(true);
        builder.setOutputCosBucketUrl("https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com");
        builder.setOutputCosKeyPrefix("logs/deploy");
        builder.setWaitForCompletion(true);
        builder.setFailOnTaskFailure(false);
        builder.setWaitTimeout(1200);

        r.assertEqualDataBoundBeans(builder, r.configRoundtrip(builder));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // the later step is a shell step
    void runsTheScriptAsWrittenExpandingVariablesOnlyInParametersAndWaits() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().output("deployed {{version}}\n"));
        FreeStyleProject p = r.createFreeStyleProject();
        p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("VERSION", "")));
        TatRunBuilder builder = builder("echo $HOME ${VERSION} {{version}}\n");
        builder.setParameters("{\"version\": \"${VERSION}\"}");
        builder.setCommandName("deploy-${VERSION}");
        builder.setWaitForCompletion(true);
        p.getBuildersList().add(builder);
        p.getBuildersList().add(new Shell("echo \"later=$TAT_INVOCATION_ID\""));

        FreeStyleBuild b = r.assertBuildStatusSuccess(
                p.scheduleBuild2(0, new ParametersAction(new StringParameterValue("VERSION", "2.0"))));

        EmulatedInvocation invocation = tat.emu.invocations().get(0);
        assertThat(tat.emu.invocationCommand(invocation.invocationId()).content()).isEqualTo("echo $HOME ${VERSION} {{version}}\n");
        assertThat(tat.emu.invocationCommand(invocation.invocationId()).name()).isEqualTo("deploy-2.0");
        assertThat(invocation.parameters()).contains("\"version\":\"2.0\"");
        r.assertLogContains("deployed 2.0", b);
        r.assertLogContains("---- " + CVM_2 + ": SUCCESS, exit code 0", b);
        r.assertLogContains("later=" + invocation.invocationId(), b);
        r.assertLogNotContains("echo $HOME", b);
    }

    @Test
    void aFailedTaskFailsTheBuild() throws Exception {
        tat.emu.script(CVM_2, TaskScript.failure(1).output("nope\n"));
        FreeStyleProject p = r.createFreeStyleProject();
        TatRunBuilder builder = builder("false");
        builder.setWaitForCompletion(true);
        p.getBuildersList().add(builder);

        FreeStyleBuild b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("---- " + CVM_2 + ": FAILED, exit code 1", b);
        r.assertLogContains("nope", b);
    }

    @Test
    void aMissingScriptFailsTheBuildAndSendsNothing() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(builder("  "));

        FreeStyleBuild b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("Content: is required: the script to run on the instances", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void abortingCancelsTheInvocation() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMinutes(30)));
        tat.emu.script(CVM_2, TaskScript.success().runningFor(Duration.ofMinutes(30)));
        FreeStyleProject p = r.createFreeStyleProject();
        TatRunBuilder builder = builder("sleep 1800");
        builder.setWaitForCompletion(true);
        p.getBuildersList().add(builder);
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for inv-", b);

        b.getExecutor().interrupt();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        String id = tat.emu.invocations().get(0).invocationId();
        assertThat(tat.emu.executed("CancelInvocation")).isEqualTo(1);
        assertThat(tat.emu.invocation(id).task(CVM_2).status()).isEqualTo("TERMINATED");
    }
}
