package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.PARAM_COMMAND;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.tat.config.TatGlobalConfiguration;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentialsImpl;
import io.jenkins.plugins.tat.cloud.WithTencentCloudStep;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import io.jenkins.plugins.tat.invoke.TatInvokeStep;
import io.jenkins.plugins.tat.wait.TatWaitStep;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import org.assertj.core.api.SoftAssertions;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Who gets which answer from the form endpoints. Syntax checks (they read the typed value only)
 * answer anyone who can reach the form, in a job or in the global Snippet Generator; the
 * credentials list and check answer in full only those who may see the job's credentials
 * (credentials plugin, {@code docs/consumer.adoc}) and reveal nothing to others; the "Check
 * command" button, which calls the API with a stored key, needs Item/Configure (Overall/Administer
 * outside a job). Every endpoint answers POST only.
 */
@WithJenkins
class FormSecurityTest {

    /** Overall/Read and Item/Read: sees the job, not its configuration. */
    private static final String READER = "reader";
    /** Adds Item/Extended Read: sees the configuration read-only. */
    private static final String VIEWER = "viewer";
    /** Adds Item/Configure. */
    private static final String EDITOR = "editor";
    private static final String ADMIN = "admin";

    /** Where the global Snippet Generator (no job) sends its form checks. */
    private static final String GLOBAL_SNIPPET_GENERATOR = "pipeline-syntax/";

    /**
     * A syntax check: its descriptor, its web method, a value it accepts, a value it refuses, and
     * the text (the rule's error code) the refusal must contain.
     */
    private record SyntaxCheck(Class<?> type, String method, String good, String bad, String rule) {}

    /** The checks of every InvokeCommand field, which the build step and {@code tatInvoke} share. */
    private static List<SyntaxCheck> invokeChecks(Class<?> type) {
        return List.of(
                new SyntaxCheck(type, "checkRegion", "ap-guangzhou", "Guangzhou", "UnsupportedRegion"),
                new SyntaxCheck(type, "checkCommandId", "cmd-abcd1234", "cmd-1", "InvalidParameterValue.InvalidCommandId"),
                new SyntaxCheck(type, "checkInstanceIds", "ins-aaaa0001 ins-aaaa0002", "ins-aaaa0001 lhins-bbbb0001",
                        "InvalidParameterValue.InconsistentInstance"),
                new SyntaxCheck(type, "checkParameters", "{\"version\":\"1.0\"}", "[\"1.0\"]",
                        "InvalidParameterValue.ParameterInvalidJsonFormat"),
                new SyntaxCheck(type, "checkUsername", "root", "ro\u0007ot", "InvalidParameter.InvalidUsername"),
                new SyntaxCheck(type, "checkWorkingDirectory", "/opt/app", "/opt\u0007app",
                        "InvalidParameterValue.InvalidWorkingDirectory"),
                new SyntaxCheck(type, "checkTimeout", "60", "86401", "InvalidParameterValue.Range"),
                new SyntaxCheck(type, "checkOutputCosBucketUrl", "https://logs-1250000000.cos.ap-guangzhou.myqcloud.com",
                        "http://example.com", "InvalidParameterValue.InvalidOutputCOSBucketUrl"),
                new SyntaxCheck(type, "checkOutputCosKeyPrefix", "builds/", "/builds", "InvalidParameterValue.InvalidOutputCOSKeyPrefix"),
                new SyntaxCheck(type, "checkWaitTimeout", "600", "0", "InvalidParameterValue.Range"));
    }

    private static final List<SyntaxCheck> BUILDER_CHECKS = invokeChecks(TatInvokeBuilder.class);

    private static final List<SyntaxCheck> STEP_CHECKS = Stream.concat(invokeChecks(TatInvokeStep.class).stream(), Stream.of(
            new SyntaxCheck(TatWaitStep.class, "checkRegion", "ap-guangzhou", "Guangzhou", "UnsupportedRegion"),
            new SyntaxCheck(TatWaitStep.class, "checkWaitTimeout", "600", "604801", "InvalidParameterValue.Range"),
            new SyntaxCheck(TatWaitStep.class, "checkInvocationId", "inv-abcd1234", "cmd-abcd1234", "is not an invocation ID"),
            new SyntaxCheck(WithTencentCloudStep.class, "checkRegion", "ap-guangzhou", "Guangzhou", "UnsupportedRegion"),
            new SyntaxCheck(CamRole.class, "checkRoleArn", "qcs::cam::uin/100000000001:roleName/deploy", "roleName/deploy",
                    "InvalidParameter.ParamError"),
            new SyntaxCheck(CamRole.class, "checkRoleSessionName", "jenkins", "a", "InvalidParameter.ParamError"),
            new SyntaxCheck(CamRole.class, "checkDurationSeconds", "3600", "43201", "InvalidParameter.OverTimeError"),
            new SyntaxCheck(CamRole.class, "checkExternalId", "team-42", "x", "InvalidParameter.ParamError")))
            .toList();

    private JenkinsRule r;
    private TatFixture tat;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
        r.createFreeStyleProject("freestyle");
        r.jenkins.createProject(WorkflowJob.class, "pipeline");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to(READER)
                .grant(Jenkins.READ, Item.READ, Item.EXTENDED_READ).everywhere().to(VIEWER)
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to(EDITOR)
                .grant(Jenkins.ADMINISTER).everywhere().to(ADMIN));
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    private WebResponse post(String user, String path) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withBasicApiToken(user);
        Page page = wc.getPage(new WebRequest(new URL(r.getURL(), path), HttpMethod.POST));
        return page.getWebResponse();
    }

    private static String descriptor(String context, Class<?> type, String method) {
        return context + "descriptorByName/" + type.getName() + "/" + method;
    }

    private static String builder(String method) {
        return descriptor("job/freestyle/", TatInvokeBuilder.class, method);
    }

    private static String step(String method) {
        return descriptor("job/pipeline/", TatInvokeStep.class, method);
    }

    private static String global(Class<?> type, String method) {
        return descriptor("", type, method);
    }

    private static String snippetGenerator(String method) {
        return descriptor(GLOBAL_SNIPPET_GENERATOR, TatInvokeStep.class, method);
    }

    private static String value(String text) {
        return "?value=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * Asks each check about its good and its bad value as the user, under the given context
     * (a job's URL, or the global Snippet Generator's), and expects the check's own verdict with
     * HTTP 200: nothing for the good value, the rule's error for the bad one.
     */
    private void assertVerdicts(String user, String context, List<SyntaxCheck> checks) throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (SyntaxCheck check : checks) {
            String path = descriptor(context, check.type(), check.method());
            WebResponse good = post(user, path + value(check.good()));
            WebResponse bad = post(user, path + value(check.bad()));

            softly.assertThat(good.getStatusCode()).as("%s as %s, good value", path, user).isEqualTo(200);
            softly.assertThat(good.getContentAsString()).as("%s as %s, good value", path, user)
                    .doesNotContain("class=\"error\"").doesNotContain("class=\"warning\"");
            softly.assertThat(bad.getStatusCode()).as("%s as %s, bad value", path, user).isEqualTo(200);
            softly.assertThat(bad.getContentAsString()).as("%s as %s, bad value", path, user)
                    .contains("class=\"error\"").contains(check.rule()).doesNotContain("permission");
        }
        softly.assertAll();
    }

    @Test
    void syntaxChecksGiveAReaderWithoutConfigureTheirVerdict() throws Exception {
        assertVerdicts(READER, "job/freestyle/", BUILDER_CHECKS);
        assertVerdicts(READER, "job/pipeline/", STEP_CHECKS);

        assertThat(tat.requestsReceived()).as("requests to the API").isZero();
    }

    @Test
    void syntaxChecksGiveAnExtendedReaderTheirVerdict() throws Exception {
        assertVerdicts(VIEWER, "job/freestyle/", BUILDER_CHECKS);
        assertVerdicts(VIEWER, "job/pipeline/", STEP_CHECKS);
    }

    @Test
    void syntaxChecksGiveAConfigurerTheirVerdict() throws Exception {
        assertVerdicts(EDITOR, "job/freestyle/", BUILDER_CHECKS);
        assertVerdicts(EDITOR, "job/pipeline/", STEP_CHECKS);
    }

    @Test
    void syntaxChecksAnswerInTheGlobalSnippetGeneratorWhereThereIsNoJob() throws Exception {
        // The build step is there too, under "step: General Build Step".
        assertVerdicts(READER, GLOBAL_SNIPPET_GENERATOR, STEP_CHECKS);
        assertVerdicts(READER, GLOBAL_SNIPPET_GENERATOR, BUILDER_CHECKS);
        assertVerdicts(VIEWER, GLOBAL_SNIPPET_GENERATOR, STEP_CHECKS);
    }

    @Test
    void fieldChecksReportTheApiRule() throws Exception {
        String answer = post(EDITOR, builder("checkInstanceIds" + value("ins-aaaa0001 lhins-bbbb0001"))).getContentAsString();

        assertThat(answer).contains("InconsistentInstance");
    }

    @Test
    void fieldChecksRefuseGet() throws Exception {
        for (String user : new String[] {READER, EDITOR}) {
            JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withBasicApiToken(user);

            Page page = wc.getPage(new WebRequest(new URL(r.getURL(), builder("checkCommandId?value=x")), HttpMethod.GET));

            assertThat(page.getWebResponse().getStatusCode()).as(user).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void credentialsAreListedOnlyForThoseWhoMayUseThem() throws Exception {
        String forReader = post(READER, builder("fillCredentialsIdItems")).getContentAsString();
        String forViewer = post(VIEWER, step("fillCredentialsIdItems")).getContentAsString();
        String forEditor = post(EDITOR, step("fillCredentialsIdItems")).getContentAsString();

        assertThat(forReader).doesNotContain(CREDENTIALS_ID);
        assertThat(forViewer).contains(CREDENTIALS_ID);
        assertThat(forEditor).contains(CREDENTIALS_ID);
    }

    @Test
    void outsideAJobOnlyAdministratorsSeeTheCredentialsList() throws Exception {
        String forEditor = post(EDITOR, snippetGenerator("fillCredentialsIdItems")).getContentAsString();
        String forAdmin = post(ADMIN, snippetGenerator("fillCredentialsIdItems")).getContentAsString();

        assertThat(forEditor).doesNotContain(CREDENTIALS_ID);
        assertThat(forAdmin).contains(CREDENTIALS_ID);
    }

    @Test
    void theCredentialsCheckTellsNothingToThoseWhoMayNotSeeTheCredentials() throws Exception {
        WebResponse known = post(READER, builder("checkCredentialsId" + value(CREDENTIALS_ID)));
        WebResponse unknown = post(READER, builder("checkCredentialsId" + value("no-such-key")));
        WebResponse unknownOutsideAJob = post(EDITOR, snippetGenerator("checkCredentialsId" + value("no-such-key")));

        assertThat(known.getStatusCode()).isEqualTo(200);
        assertThat(unknown.getStatusCode()).isEqualTo(200);
        assertThat(unknown.getContentAsString()).isEqualTo(known.getContentAsString()).doesNotContain("class=\"error\"");
        assertThat(unknownOutsideAJob.getContentAsString()).doesNotContain("class=\"error\"");
    }

    @Test
    void theCredentialsCheckGivesItsVerdictToThoseWhoMaySeeTheCredentials() throws Exception {
        assertThat(post(VIEWER, step("checkCredentialsId" + value(CREDENTIALS_ID))).getContentAsString())
                .doesNotContain("class=\"error\"");
        assertThat(post(VIEWER, step("checkCredentialsId" + value("no-such-key"))).getContentAsString())
                .contains("class=\"error\"").contains("are available to this job");
        assertThat(post(EDITOR, builder("checkCredentialsId" + value("no-such-key"))).getContentAsString())
                .contains("are available to this job");
        assertThat(post(ADMIN, snippetGenerator("checkCredentialsId" + value("no-such-key"))).getContentAsString())
                .contains("class=\"error\"");
    }

    @Test
    void checkCommandCallsTheApiOnlyForThoseWhoMayConfigure() throws Exception {
        String query = "verifyCommand?credentialsId=" + CREDENTIALS_ID + "&region=" + REGION + "&commandId=";

        assertThat(post(READER, builder(query + COMMAND)).getStatusCode()).isEqualTo(403);
        assertThat(post(VIEWER, step(query + COMMAND)).getStatusCode()).isEqualTo(403);
        assertThat(post(EDITOR, snippetGenerator(query + COMMAND)).getStatusCode()).isEqualTo(403);
        assertThat(tat.requestsReceived()).isZero();

        String plain = post(EDITOR, builder(query + COMMAND)).getContentAsString();
        String withParameters = post(EDITOR, step(query + PARAM_COMMAND)).getContentAsString();
        String unknown = post(EDITOR, builder(query + "cmd-zzzz9999")).getContentAsString();
        String outsideAJob = post(ADMIN, snippetGenerator(query + COMMAND)).getContentAsString();

        assertThat(plain).contains("deploy").contains("SHELL").contains("takes no custom parameters");
        assertThat(withParameters).contains("release").contains("version [1.0]");
        assertThat(unknown).contains("No command cmd-zzzz9999 in region " + REGION);
        assertThat(outsideAJob).contains("deploy");
        assertThat(tat.emu.executed("DescribeCommands")).isEqualTo(4);
        assertThat(tat.emu.received("InvokeCommand")).isZero();
    }

    @Test
    void theGlobalEndpointCheckIsASyntaxCheck() throws Exception {
        String path = global(TatGlobalConfiguration.class, "checkEndpoint");

        WebResponse forEditor = post(EDITOR, path + value("ftp://x"));
        assertThat(forEditor.getStatusCode()).isEqualTo(200);
        assertThat(forEditor.getContentAsString()).contains("is not an API endpoint");
        assertThat(post(READER, path + value("https://tat.tencentcloudapi.com")).getContentAsString())
                .doesNotContain("class=\"error\"").doesNotContain("class=\"warning\"");
        assertThat(post(ADMIN, path + value("ftp://x")).getContentAsString()).contains("is not an API endpoint");
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void theLanguageChoicesAreTheSameForEveryone() throws Exception {
        String path = global(TatGlobalConfiguration.class, "fillLanguageItems");

        WebResponse forReader = post(READER, path);

        assertThat(forReader.getStatusCode()).isEqualTo(200);
        assertThat(forReader.getContentAsString()).contains("en-US").contains("zh-CN")
                .isEqualTo(post(ADMIN, path).getContentAsString());
    }

    @Test
    void theSecretIdCheckIsASyntaxCheckButTheSecretKeyCheckNeedsCredentialsPermissions() throws Exception {
        String secretId = global(TencentCloudCredentialsImpl.class, "checkSecretId");
        String secretKey = global(TencentCloudCredentialsImpl.class, "checkSecretKey");

        WebResponse idForReader = post(READER, secretId + value(""));
        assertThat(idForReader.getStatusCode()).isEqualTo(200);
        assertThat(idForReader.getContentAsString()).contains("class=\"error\"").contains("SecretId is required");
        assertThat(post(READER, secretId + value("AKIDabcdefgh12345678")).getContentAsString()).doesNotContain("class=\"error\"");

        assertThat(post(READER, secretKey + value("")).getStatusCode()).isEqualTo(403);
        assertThat(post(EDITOR, secretKey + value("")).getStatusCode()).isEqualTo(403);
        assertThat(post(ADMIN, secretKey + value("")).getContentAsString()).contains("SecretKey is required");
        assertThat(post(ADMIN, secretKey + value("some-key")).getContentAsString()).doesNotContain("class=\"error\"");
    }
}
