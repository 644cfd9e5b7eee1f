package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.PARAM_COMMAND;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.tat.config.TatGlobalConfiguration;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import io.jenkins.plugins.tat.invoke.TatInvokeStep;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The form endpoints answer only POST, and only users who may configure the job (or, for global
 * settings, administrators).
 */
@WithJenkins
class FormSecurityTest {

    private JenkinsRule r;
    private TatFixture tat;
    private FreeStyleProject freestyle;
    private WorkflowJob pipeline;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
        freestyle = r.createFreeStyleProject("freestyle");
        pipeline = r.jenkins.createProject(WorkflowJob.class, "pipeline");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("editor")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    private Page post(String user, String path) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withBasicApiToken(user);
        return wc.getPage(new WebRequest(new URL(r.getURL(), path), HttpMethod.POST));
    }

    private static String builder(String method) {
        return "job/freestyle/descriptorByName/" + TatInvokeBuilder.class.getName() + "/" + method;
    }

    private static String step(String method) {
        return "job/pipeline/descriptorByName/" + TatInvokeStep.class.getName() + "/" + method;
    }

    @Test
    void fieldChecksNeedTheConfigurePermission() throws Exception {
        for (String path : new String[] {builder("checkCommandId?value=cmd-abcd1234"), builder("checkInstanceIds?value=ins-aaaa0001"),
            builder("checkParameters?value=%7B%7D"), step("checkRegion?value=ap-guangzhou"), step("checkTimeout?value=60")}) {
            assertThat(post("reader", path).getWebResponse().getStatusCode()).as(path).isEqualTo(403);
            assertThat(post("editor", path).getWebResponse().getStatusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void fieldChecksReportTheApiRule() throws Exception {
        String answer = post("editor", builder("checkInstanceIds?value=ins-aaaa0001+lhins-bbbb0001"))
                .getWebResponse().getContentAsString();

        assertThat(answer).contains("InconsistentInstance");
    }

    @Test
    void fieldChecksRefuseGet() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withBasicApiToken("editor");

        Page page = wc.getPage(new WebRequest(new URL(r.getURL(), builder("checkCommandId?value=x")), HttpMethod.GET));

        assertThat(page.getWebResponse().getStatusCode()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void credentialsAreListedOnlyForThoseWhoMayUseThem() throws Exception {
        String forReader = post("reader", builder("fillCredentialsIdItems")).getWebResponse().getContentAsString();
        String forEditor = post("editor", step("fillCredentialsIdItems")).getWebResponse().getContentAsString();

        assertThat(forReader).doesNotContain(CREDENTIALS_ID);
        assertThat(forEditor).contains(CREDENTIALS_ID);
    }

    @Test
    void checkCommandCallsTheApiOnlyForThoseWhoMayConfigure() throws Exception {
        String query = "verifyCommand?credentialsId=" + CREDENTIALS_ID + "&region=" + REGION + "&commandId=";

        assertThat(post("reader", builder(query + COMMAND)).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(tat.requestsReceived()).isZero();

        String plain = post("editor", builder(query + COMMAND)).getWebResponse().getContentAsString();
        String withParameters = post("editor", step(query + PARAM_COMMAND)).getWebResponse().getContentAsString();
        String unknown = post("editor", builder(query + "cmd-zzzz9999")).getWebResponse().getContentAsString();

        assertThat(plain).contains("deploy").contains("SHELL").contains("takes no custom parameters");
        assertThat(withParameters).contains("release").contains("version [1.0]");
        assertThat(unknown).contains("No command cmd-zzzz9999 in region " + REGION);
        assertThat(tat.emu.executed("DescribeCommands")).isEqualTo(3);
        assertThat(tat.emu.received("InvokeCommand")).isZero();
    }

    @Test
    void theGlobalEndpointCheckIsForAdministratorsOnly() throws Exception {
        String path = "descriptorByName/" + TatGlobalConfiguration.class.getName() + "/checkEndpoint?value=ftp://x";

        assertThat(post("editor", path).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(post("admin", path).getWebResponse().getContentAsString()).contains("is not an API endpoint");
    }
}
