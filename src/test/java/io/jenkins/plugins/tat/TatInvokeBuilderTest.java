package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.CVM_3;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static io.jenkins.plugins.tat.TatFixture.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.htmlunit.html.HtmlPage;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step "Invoke Tencent Cloud TAT command", against the TAT emulator. */
@WithJenkins
class TatInvokeBuilderTest {

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

    @Test
    void configRoundTrip() throws Exception {
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1 + "\n" + CVM_2);
        builder.setParameters("{\"version\":\"1.0\"}");
        builder.setUsername("deploy");
        builder.setWorkingDirectory("/srv/app");
        builder.setTimeout(600);
        builder.setOutputCosBucketUrl("https://bucket-1250000000.cos.ap-guangzhou.myqcloud.com");
        builder.setOutputCosKeyPrefix("logs/deploy");
        builder.setWaitForCompletion(true);
        builder.setFailOnTaskFailure(false);
        builder.setWaitTimeout(1200);

        r.assertEqualDataBoundBeans(builder, r.configRoundtrip(builder));
    }

    @Test
    void theFormShowsFullTitlesAndMarksAdvancedEditedOnlyWhenAFieldInItIs() throws Exception {
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1);
        builder.setWaitForCompletion(true);
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(builder);

        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage form = wc.getPage(p, "configure");
            // failOnTaskFailure is checked by default: that alone must not mark the section edited
            assertThat(form.querySelectorAll(".advanced-customized-fields-info")).isEmpty();
            // titles with parentheses, which a %-expression in Jelly would cut short
            assertThat(form.getWebResponse().getContentAsString())
                    .contains("Parameters (JSON)", "Wait timeout (seconds)", "Command timeout (seconds)");
            builder.setUsername("deploy");
            assertThat(wc.getPage(p, "configure").querySelectorAll(".advanced-customized-fields-info")).hasSize(1);
        }
    }

    @Test
    void theNextBuildStepSeesTheInvocationId() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1));
        AtomicReference<String> seen = new AtomicReference<>();
        p.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(hudson.model.AbstractBuild<?, ?> build, hudson.Launcher launcher,
                    hudson.model.BuildListener listener) throws InterruptedException, java.io.IOException {
                seen.set(build.getEnvironment(listener).get(TatInvocationAction.ENV_VAR));
                return true;
            }
        });

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        String id = tat.emu.invocations().get(0).invocationId();
        assertThat(seen.get()).isEqualTo(id);
        r.assertLogContains("started invocation " + id, b);
    }

    @Test
    void buildParametersAreExpandedBeforeChecking() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("INSTANCES", ""),
                new StringParameterDefinition("COMMAND", "")));
        p.getBuildersList().add(new TatInvokeBuilder(CREDENTIALS_ID, REGION, "${COMMAND}", "${INSTANCES}"));

        FreeStyleBuild b = r.assertBuildStatusSuccess(p.scheduleBuild2(0, new ParametersAction(
                new StringParameterValue("INSTANCES", CVM_1 + " " + CVM_2 + "," + CVM_3),
                new StringParameterValue("COMMAND", COMMAND))));

        assertThat(tat.emu.invocations().get(0).tasks()).hasSize(3);
        r.assertLogContains("on 3 instance(s)", b);
    }

    @Test
    void variablesInParametersAreExpandedInsideValuesOnly() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("VERSION", "")));
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, TatFixture.PARAM_COMMAND, CVM_1);
        builder.setParameters("{\"version\": \"${VERSION}\"}");
        p.getBuildersList().add(builder);

        r.assertBuildStatusSuccess(p.scheduleBuild2(0, new ParametersAction(
                new StringParameterValue("VERSION", "2.0\", \"extra\": \"x"))));

        // The quote in the value stays inside the value: still exactly one parameter.
        assertThat(tat.emu.invocations().get(0).parameters()).isEqualTo("{\"version\":\"2.0\\\", \\\"extra\\\": \\\"x\"}");
    }

    @Test
    void anInvalidFieldFailsTheBuildAndSendsNothing() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1 + " " + CVM_1);
        builder.setOutputCosKeyPrefix("/logs");
        p.getBuildersList().add(builder);

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("InstanceIds[1]: '" + CVM_1 + "' is listed more than once", b);
        r.assertLogContains("OutputCOSKeyPrefix: '/logs' must not start with '/'", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void missingCredentialsFailTheBuild() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(new TatInvokeBuilder("nope", REGION, COMMAND, CVM_1));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("no credentials with ID 'nope'", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void anApiErrorFailsTheBuildWithCodeAndRequestId() throws Exception {
        tat.emu.setAgentOnline(CVM_1, false);
        FreeStyleProject p = r.createFreeStyleProject();
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1);
        builder.setPreflight(false); // else the pre-flight check finds the agent offline before TAT does
        p.getBuildersList().add(builder);

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("ResourceUnavailable.AgentStatusNotOnline", b);
        r.assertLogContains("RequestId: ", b);
    }

    @Test
    void waitingShowsEachInstanceAndFailsOnAFailedTask() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().output("deployed on one\n"));
        tat.emu.script(CVM_2, TaskScript.failure(4).output("disk full\n"));
        FreeStyleProject p = r.createFreeStyleProject();
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1 + "," + CVM_2);
        builder.setWaitForCompletion(true);
        p.getBuildersList().add(builder);

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("---- " + CVM_1 + ": SUCCESS, exit code 0", b);
        r.assertLogContains("deployed on one", b);
        r.assertLogContains("---- " + CVM_2 + ": FAILED, exit code 4", b);
        r.assertLogContains("disk full", b);
        r.assertLogContains("1 succeeded, 1 failed", b);
        r.assertLogContains("1 of 2 tasks", b);
        r.assertLogNotContains(SECRET_KEY, b);
        assertThat(b.getAction(TatInvocationAction.class).getTasks())
                .extracting(TatInvocationAction.TaskSummary::getStatus).containsExactly("SUCCESS", "FAILED");
    }

    @Test
    void aFailedTaskCanBeReportedWithoutFailingTheBuild() throws Exception {
        tat.emu.script(CVM_1, TaskScript.failure(1));
        FreeStyleProject p = r.createFreeStyleProject();
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1);
        builder.setWaitForCompletion(true);
        builder.setFailOnTaskFailure(false);
        p.getBuildersList().add(builder);

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        r.assertLogContains("failOnTaskFailure is false", b);
    }
}
