package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.CVM_3;
import static io.jenkins.plugins.tat.TatFixture.PARAM_COMMAND;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static io.jenkins.plugins.tat.TatFixture.SECRET_ID;
import static io.jenkins.plugins.tat.TatFixture.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The build page of invocations and its REST API, against the TAT emulator: statuses, exit codes
 * and times in {@code api/json} and nothing else; on the page the tails of the outputs escaped,
 * masked, failed tasks first, and one summary of a build's several invocations.
 */
@WithJenkins
@Timeout(300)
class TatBuildPageTest {

    private static final String HOSTILE = "<script>alert('tat')</script><img src=x onerror=alert(2)>";
    private static final String PARAM_VALUE = "param-Value-NOT-IN-API";
    private static final String TOKEN = "tok-Bound-Secret-9f3e";

    private JenkinsRule r;
    private TatFixture tat;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "tok", "a token", Secret.fromString(TOKEN)));
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    private static String invoke(String command, String instances, String extra) {
        return "tatInvoke(credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', commandId: '" + command
                + "', instanceIds: " + instances + ", waitForCompletion: true, failOnTaskFailure: false" + extra + ")";
    }

    /** A build of one invocation on three instances: one fails printing hostile HTML and a bound secret. */
    private WorkflowRun fleetWithAFailure() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().output("all good on 1\n"));
        tat.emu.script(CVM_2, TaskScript.failure(3).output("line one\n" + HOSTILE + "\nthe token is " + TOKEN
                + "\nthe key is " + SECRET_KEY + "\ndisk full\n"));
        tat.emu.script(CVM_3, TaskScript.success().output("all good on 3\n"));
        return r.buildAndAssertSuccess(TatFixture.pipeline(r, "withCredentials([string(credentialsId: 'tok', variable: 'TOK')]) {\n"
                + invoke(PARAM_COMMAND, "['" + CVM_1 + "', '" + CVM_2 + "', '" + CVM_3 + "']",
                        ", parameters: [version: '" + PARAM_VALUE + "']") + "\n}"));
    }

    @Test
    void theRestApiHasEachTaskStatusAndExitCodeAndNoOutputParameterOrKey() throws Exception {
        WorkflowRun b = fleetWithAFailure();
        TatInvocationAction action = b.getAction(TatInvocationAction.class);

        String json = r.createWebClient().goTo(b.getUrl() + "api/json?depth=2", "application/json")
                .getWebResponse().getContentAsString();

        JSONObject exported = null;
        for (Object a : JSONObject.fromObject(json).getJSONArray("actions")) {
            JSONObject o = (JSONObject) a;
            if (o.optString("_class").equals(TatInvocationAction.class.getName())) {
                exported = o;
            }
        }
        assertThat((Object) exported).as("the action in %s", json).isNotNull();
        assertThat(exported.getString("invocationId")).isEqualTo(action.getInvocationId());
        assertThat(exported.getString("region")).isEqualTo(REGION);
        assertThat(exported.getString("commandId")).isEqualTo(PARAM_COMMAND);
        assertThat(exported.getString("summary")).isEqualTo(action.getSummary());
        JSONArray tasks = exported.getJSONArray("tasks");
        assertThat(tasks.size()).isEqualTo(3);
        for (Object t : tasks) {
            JSONObject task = (JSONObject) t;
            boolean failed = task.getString("instanceId").equals(CVM_2);
            assertThat(task.getString("status")).isEqualTo(failed ? "FAILED" : "SUCCESS");
            assertThat(task.getLong("exitCode")).isEqualTo(failed ? 3 : 0);
            assertThat(task.getString("taskId")).startsWith("invt-");
            assertThat(task.getLong("endTime")).isGreaterThanOrEqualTo(task.getLong("startTime")).isPositive();
            assertThat(task.containsKey("outputTail") || task.containsKey("output")).isFalse();
        }
        assertThat(json).doesNotContain("all good", "disk full", "alert", PARAM_VALUE, TOKEN, SECRET_KEY, "outputTail");

        String xml = r.createWebClient().goTo(b.getUrl() + "api/xml?depth=2", "application/xml")
                .getWebResponse().getContentAsString();
        assertThat(xml).contains("<exitCode>3</exitCode>").doesNotContain("disk full", PARAM_VALUE, TOKEN, SECRET_KEY);
        assertThat(SECRET_ID).as("the SecretId is not secret, but no reason to export it").isNotIn(json);
    }

    @Test
    void thePageShowsTailsEscapedMaskedFailedFirstWithALinkToTheConsole() throws Exception {
        WorkflowRun b = fleetWithAFailure();
        TatInvocationAction action = b.getAction(TatInvocationAction.class);
        r.assertLogNotContains(TOKEN, b);

        String page = r.createWebClient().goTo(b.getUrl() + action.getUrlName() + "/").getWebResponse().getContentAsString();

        assertThat(page).doesNotContain(HOSTILE).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script>alert('tat')&lt;/script>&lt;img src=x onerror=alert(2)>");
        assertThat(page).doesNotContain(TOKEN, SECRET_KEY, PARAM_VALUE);
        assertThat(page).contains("the token is ****").contains("all good on 1").contains("disk full");
        int failed = page.indexOf(">" + CVM_2 + "<");
        assertThat(failed).isPositive().isLessThan(page.indexOf(">" + CVM_1 + "<")).isLessThan(page.indexOf(">" + CVM_3 + "<"));
        assertThat(page).contains("data-status=\"FAILED\" class=\"tat-task tat-failed\"")
                .contains("<details class=\"tat-output\">").doesNotContain("<details class=\"tat-output\" open")
                .contains("href=\"/jenkins/" + b.getUrl() + "console\"")
                .contains("<option value=\"FAILED\">FAILED</option>");
        // build.xml keeps the masked tails, bounded
        String buildXml = TatFixture.read(b.getRootDir().toPath().resolve("build.xml"));
        // (the parameter value is in build.xml anyway: the script holds it)
        assertThat(buildXml).contains("<outputTail>").contains("the token is ****").doesNotContain(TOKEN, SECRET_KEY);
        assertThat(action.getTasks()).extracting(TatInvocationAction.TaskSummary::getDuration).doesNotContainNull();
    }

    @Test
    void aBuildWithSeveralInvocationsShowsOneSummaryOfAll() throws Exception {
        tat.emu.script(CVM_2, TaskScript.failure(3).output("disk full\n"));
        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r,
                invoke(COMMAND, "['" + CVM_1 + "']", "") + "\n" + invoke(COMMAND, "['" + CVM_2 + "', '" + CVM_3 + "']", "")));
        List<TatInvocationAction> actions = b.getActions(TatInvocationAction.class);
        assertThat(actions).hasSize(2);
        String first = actions.get(0).getInvocationId();
        String second = actions.get(1).getInvocationId();

        String buildPage = r.createWebClient().goTo(b.getUrl()).getWebResponse().getContentAsString();
        assertThat(count(buildPage, "tat-all-invocations")).as("one summary").isEqualTo(1);
        assertThat(buildPage).contains("TAT invocations of this build: 2").contains(first).contains(second)
                .contains("1 succeeded, 1 failed");
        assertThat(buildPage.indexOf(first)).isLessThan(buildPage.indexOf(second));

        String secondPage = r.createWebClient().goTo(b.getUrl() + actions.get(1).getUrlName() + "/")
                .getWebResponse().getContentAsString();
        assertThat(secondPage).contains("All 2 invocations of this build").contains(first);
    }

    @Test
    void anActionAsAnOlderVersionSavedItShowsASensiblePage() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, "echo 'no TAT here'"));
        // The action as build.xml held it before tails and times: status and exit code only.
        TatInvocationAction old = (TatInvocationAction) Run.XSTREAM2.fromXML("""
                <io.jenkins.plugins.tat.TatInvocationAction>
                  <invocationId>inv-old00001</invocationId>
                  <region>ap-guangzhou</region>
                  <commandId>cmd-abcd1234</commandId>
                  <instanceCount>1</instanceCount>
                  <consoleUrl>https://console.cloud.tencent.com/tat/log</consoleUrl>
                  <tasks>
                    <io.jenkins.plugins.tat.TatInvocationAction_-TaskSummary>
                      <instanceId>ins-aaaa0001</instanceId>
                      <taskId>invt-old00001</taskId>
                      <status>FAILED</status>
                      <exitCode>2</exitCode>
                    </io.jenkins.plugins.tat.TatInvocationAction_-TaskSummary>
                  </tasks>
                  <summary>inv-old00001: 1 failed (1 task)</summary>
                  <batchIndex>0</batchIndex>
                  <batchCount>0</batchCount>
                </io.jenkins.plugins.tat.TatInvocationAction>
                """);
        b.addAction(old);
        assertThat(old.getTasks().get(0).getOutputTail()).isNull();
        assertThat(old.getTasks().get(0).getDuration()).isNull();

        String page = r.createWebClient().goTo(b.getUrl() + old.getUrlName() + "/").getWebResponse().getContentAsString();
        assertThat(page).contains(CVM_1).contains("FAILED").contains("in the console output")
                .contains("class=\"tat-task tat-failed\"");
        String json = r.createWebClient().goTo(b.getUrl() + "api/json?depth=2", "application/json").getWebResponse()
                .getContentAsString();
        assertThat(json).contains("\"exitCode\":2").contains("inv-old00001");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
