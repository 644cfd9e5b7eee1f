package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static io.jenkins.plugins.tat.TatFixture.ROLE_CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.SECRET_ID;
import static io.jenkins.plugins.tat.TatFixture.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.Functions;
import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.EmulatedInvocation;
import io.jenkins.plugins.tat.client.emulator.IssuedKey;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The plugin in real Declarative Pipelines (Pipeline: Declarative is a test dependency): the
 * invocation ID across stages, {@code post}, {@code options { timeout }}, {@code parallel},
 * {@code credentials()} for an API key, {@code options { withTencentCloud }}, and the Declarative
 * validator's view of every step.
 */
@WithJenkins
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeclarativePipelineTest {

    private static final String KEY_AND_REGION = "credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "'";

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
    void aLaterStageReadsTheIdInItsEnvironmentAndWhen() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, "pipeline {\n"
                + "  agent none\n"
                + "  stages {\n"
                + "    stage('Deploy') {\n"
                + "      steps { tatInvoke " + KEY_AND_REGION + ", commandId: '" + COMMAND + "', instanceIds: ['" + CVM_1 + "'] }\n"
                + "    }\n"
                + "    stage('Verify') {\n"
                + "      environment { DEPLOYED = \"${env.TAT_INVOCATION_ID}\" }\n"
                + "      when { expression { env.TAT_INVOCATION_ID?.startsWith('inv-') } }\n"
                + "      steps {\n"
                + "        echo \"verifying ${DEPLOYED}\"\n"
                + "        tatWait " + KEY_AND_REGION + ", invocationId: env.DEPLOYED\n"
                + "      }\n"
                + "    }\n"
                + "    stage('Skipped') {\n"
                + "      when { environment name: 'TAT_INVOCATION_ID', value: 'inv-none' }\n"
                + "      steps { echo 'must not run' }\n"
                + "    }\n"
                + "  }\n"
                + "}"));

        String id = tat.emu.invocations().get(0).invocationId();
        r.assertLogContains("verifying " + id, b);
        r.assertLogContains("---- " + CVM_1 + ": SUCCESS, exit code 0", b);
        r.assertLogContains("Stage \"Skipped\" skipped due to when conditional", b);
        r.assertLogNotContains("must not run", b);
    }

    @Test
    void postFailureSeesTheIdOfTheFailedInvocation() throws Exception {
        tat.emu.script(CVM_1, TaskScript.failure(3).output("disk full\n"));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r, "pipeline {\n"
                + "  agent none\n"
                + "  stages {\n"
                + "    stage('Deploy') {\n"
                + "      steps { tatInvoke " + KEY_AND_REGION + ", commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "',"
                + " waitForCompletion: true }\n"
                + "    }\n"
                + "  }\n"
                + "  post {\n"
                + "    failure { echo \"failed: ${env.TAT_INVOCATION_ID}\" }\n"
                + "    aborted { echo 'aborted' }\n"
                + "  }\n"
                + "}"));

        r.assertLogContains("failed: " + tat.emu.invocations().get(0).invocationId(), b);
        r.assertLogNotContains("aborted", b);
    }

    @Test
    void anOptionsTimeoutCancelsTheInvocationAndPostAbortedRuns() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofMinutes(30)));

        WorkflowRun b = r.buildAndAssertStatus(Result.ABORTED, TatFixture.pipeline(r, "pipeline {\n"
                + "  agent none\n"
                + "  options { timeout(time: 3, unit: 'SECONDS') }\n"
                + "  stages {\n"
                + "    stage('Deploy') {\n"
                + "      steps { tatInvoke " + KEY_AND_REGION + ", commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "',"
                + " waitForCompletion: true }\n"
                + "    }\n"
                + "  }\n"
                + "  post {\n"
                + "    failure { echo 'post failure' }\n"
                + "    aborted { echo \"post aborted: ${env.TAT_INVOCATION_ID}\" }\n"
                + "  }\n"
                + "}"));

        String id = tat.emu.invocations().get(0).invocationId();
        r.assertLogContains("cancelling invocation " + id, b);
        r.assertLogContains("post aborted: " + id, b);
        r.assertLogNotContains("post failure", b);
        assertThat(tat.emu.executed("CancelInvocation")).isEqualTo(1);
        assertThat(tat.emu.invocation(id).task(CVM_1).status()).isEqualTo("TERMINATED");
    }

    @Test
    void parallelStagesEachKeepTheirOwnId() throws Exception {
        // Both tasks take a few seconds, so each branch waits while the other has sent its own.
        tat.emu.script(CVM_1, TaskScript.success().runningFor(Duration.ofSeconds(3)));
        tat.emu.script(CVM_2, TaskScript.success().runningFor(Duration.ofSeconds(3)));

        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, "pipeline {\n"
                + "  agent none\n"
                + "  stages {\n"
                + "    stage('Deploy') {\n"
                + "      parallel {\n"
                + branch("web", CVM_1)
                + branch("check", CVM_2)
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}"));

        List<EmulatedInvocation> sent = tat.emu.invocations();
        assertThat(sent).hasSize(2);
        for (EmulatedInvocation invocation : sent) {
            String name = invocation.tasks().get(0).instanceId().equals(CVM_1) ? "web" : "check";
            r.assertLogContains(name + " sent " + invocation.invocationId(), b);
            r.assertLogContains(name + " waited for " + invocation.invocationId() + ": SUCCESS", b);
        }
    }

    private static String branch(String name, String instance) {
        return "        stage('" + name + "') {\n"
                + "          steps {\n"
                + "            script {\n"
                + "              def id = tatInvoke " + KEY_AND_REGION + ", commandId: '" + COMMAND + "', instanceIds: '" + instance + "'\n"
                + "              echo \"" + name + " sent ${id}\"\n"
                + "              def tasks = tatWait " + KEY_AND_REGION + ", invocationId: id\n"
                + "              echo \"" + name + " waited for ${id}: ${tasks[0].status}\"\n"
                + "            }\n"
                + "          }\n"
                + "        }\n";
    }

    @Test
    void credentialsInEnvironmentSetsTheToolsVariablesMasked() throws Exception {
        assumeFalse(Functions.isWindows(), "the check uses sh");
        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, "pipeline {\n"
                + "  agent any\n"
                + "  environment { TC = credentials('" + CREDENTIALS_ID + "') }\n"
                + "  stages {\n"
                + "    stage('Tools') {\n"
                + "      steps {\n"
                + "        echo \"id=${env.TENCENTCLOUD_SECRET_ID} key=${env.TENCENTCLOUD_SECRET_KEY}"
                + " token=${env.TENCENTCLOUD_SESSION_TOKEN} TC=${env.TC}\"\n"
                + "        sh 'printf %s \"$TENCENTCLOUD_SECRET_ID:$TENCENTCLOUD_SECRET_KEY\" | sha256sum'\n"
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}"));

        r.assertLogContains("id=**** key=**** token=null TC=null", b);
        r.assertLogContains(sha256(SECRET_ID + ":" + SECRET_KEY), b);
        r.assertLogNotContains(SECRET_KEY, b);
        r.assertLogNotContains(SECRET_ID, b);
    }

    @Test
    void credentialsInEnvironmentSetsARolesTemporaryKeyAndToken() throws Exception {
        assumeFalse(Functions.isWindows(), "the check uses sh");
        tat.role(r, null);

        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, "pipeline {\n"
                + "  agent any\n"
                + "  stages {\n"
                + "    stage('Tools') {\n"
                + "      environment { TC = credentials('" + ROLE_CREDENTIALS_ID + "') }\n"
                + "      steps {\n"
                + "        echo \"token=${env.TENCENTCLOUD_SESSION_TOKEN}\"\n"
                + "        sh 'printf %s \"$TENCENTCLOUD_SECRET_ID:$TENCENTCLOUD_SECRET_KEY:$TENCENTCLOUD_SESSION_TOKEN\" | sha256sum'\n"
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}"));

        List<IssuedKey> issued = tat.emu.issuedKeys();
        assertThat(issued).hasSize(1);
        IssuedKey key = issued.get(0);
        r.assertLogContains("token=****", b);
        r.assertLogContains(sha256(key.secretId() + ":" + key.secretKey() + ":" + key.sessionToken()), b);
        r.assertLogNotContains(key.sessionToken(), b);
        r.assertLogNotContains(key.secretKey(), b);
        r.assertLogNotContains(SECRET_KEY, b);
    }

    @Test
    void credentialsWithAnUnknownIdFailsClearlyBeforeTheSteps() throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, TatFixture.pipeline(r, "pipeline {\n"
                + "  agent none\n"
                + "  environment { TC = credentials('tencent-nope') }\n"
                + "  stages {\n"
                + "    stage('Tools') { steps { echo 'body ran' } }\n"
                + "  }\n"
                + "}"));

        r.assertLogContains("tencent-nope", b);
        r.assertLogNotContains("body ran", b);
    }

    @Test
    void withTencentCloudInOptionsCoversThePipeline() throws Exception {
        assumeFalse(Functions.isWindows(), "the check uses sh");
        WorkflowRun b = r.buildAndAssertSuccess(TatFixture.pipeline(r, "pipeline {\n"
                + "  agent any\n"
                + "  options { withTencentCloud(" + KEY_AND_REGION + ") }\n"
                + "  stages {\n"
                + "    stage('Deploy') {\n"
                + "      steps {\n"
                + "        tatInvoke commandId: '" + COMMAND + "', instanceIds: ['" + CVM_1 + "', '" + CVM_2 + "'],"
                + " waitForCompletion: true\n"
                + "      }\n"
                + "    }\n"
                + "    stage('Tools') {\n"
                + "      steps { sh 'echo \"region $TENCENTCLOUD_REGION, key $TENCENTCLOUD_SECRET_KEY\"' }\n"
                + "    }\n"
                + "  }\n"
                + "  post { always { echo \"post sees region ${env.TENCENTCLOUD_REGION}\" } }\n"
                + "}"));

        r.assertLogContains("---- " + CVM_1 + ": SUCCESS, exit code 0", b);
        r.assertLogContains("---- " + CVM_2 + ": SUCCESS, exit code 0", b);
        r.assertLogContains("region " + REGION + ", key ****", b);
        r.assertLogContains("post sees region " + REGION, b);
        r.assertLogNotContains(SECRET_KEY, b);
        assertThat(tat.emu.requests()).allSatisfy(request ->
                assertThat(request.headers().get("authorization")).contains("Credential=" + SECRET_ID + "/"));
    }

    /** Every step of the plugin, in each argument shape it takes, passes Declarative's validation. */
    @Test
    void theDeclarativeValidatorAcceptsEveryStepAndArgumentShape() throws Exception {
        String jenkinsfile = "pipeline {\n"
                + "  agent none\n"
                + "  options { withTencentCloud(credentialsId: 'k', region: 'ap-guangzhou', role: 'qcs::cam::uin/1:roleName/r',"
                + " roleSessionName: 'jenkins', durationSeconds: 3600, externalId: 'x') }\n"
                + "  environment { TC = credentials('k') }\n"
                + "  stages {\n"
                + "    stage('All') {\n"
                + "      steps {\n"
                + "        tatInvoke credentialsId: 'k', region: 'ap-guangzhou', commandId: 'cmd-abcd1234',"
                + " instanceIds: 'ins-aaaa1111 ins-bbbb2222', parameters: '{\"version\": \"1.0\"}', username: 'root',"
                + " workingDirectory: '/tmp', timeout: 60, outputCosBucketUrl: 'https://b-1.cos.ap-guangzhou.myqcloud.com',"
                + " outputCosKeyPrefix: 'tat/', waitForCompletion: true, failOnTaskFailure: false, waitTimeout: 900,"
                + " preflight: false, skipOfflineInstances: true\n"
                + "        tatInvoke commandId: 'cmd-abcd1234', instanceIds: ['ins-aaaa1111', 'ins-bbbb2222'],"
                + " parameters: [version: '1.0']\n"
                + "        tatRun instanceIds: ['ins-aaaa1111'], script: 'echo {{a}}', credentialsId: 'k', region: 'ap-guangzhou',"
                + " commandType: 'SHELL', parameters: [a: '1'], defaultParameters: [a: '0'], username: 'root',"
                + " workingDirectory: '/tmp', timeout: 60, commandName: 'n', description: 'd', saveCommand: true,"
                + " outputCosBucketUrl: 'https://b-1.cos.ap-guangzhou.myqcloud.com', outputCosKeyPrefix: 'tat/',"
                + " waitForCompletion: true, failOnTaskFailure: false, waitTimeout: 900, preflight: false,"
                + " skipOfflineInstances: true\n"
                + "        tatRun instanceIds: 'ins-aaaa1111', script: 'echo {{a}}', parameters: '{\"a\": \"1\"}',"
                + " defaultParameters: '{\"a\": \"0\"}'\n"
                + "        tatWait credentialsId: 'k', region: 'ap-guangzhou', invocationId: 'inv-abcd1234', waitTimeout: 60,"
                + " failOnTaskFailure: false\n"
                + "        tatWait invocationId: env.TAT_INVOCATION_ID\n"
                + "        withTencentCloud(credentialsId: 'k', region: 'ap-guangzhou') { echo 'inside' }\n"
                + "        withTencentCloud(credentialsId: 'k', role: 'qcs::cam::uin/1:roleName/r') { echo 'inside' }\n"
                + "        withCredentials([tencentCloudApiKey(credentialsId: 'k', secretIdVariable: 'A', secretKeyVariable: 'B',"
                + " sessionTokenVariable: 'C')]) { echo 'inside' }\n"
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}";

        assertThat(validate(jenkinsfile).path("result").asText()).as(validate(jenkinsfile).toString()).isEqualTo("success");
        // The validator does check the plugin's steps: a misspelt argument is refused, by name.
        JsonNode refused = validate(jenkinsfile.replace("waitTimeout: 60,", "waitTimeOut: 60,"));
        assertThat(refused.path("result").asText()).isEqualTo("failure");
        assertThat(refused.toString()).contains("waitTimeOut");
    }

    /** Pipeline: Declarative's validation endpoint, as the editors and the CLI call it. */
    private JsonNode validate(String jenkinsfile) throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            WebRequest request = new WebRequest(new URL(r.getURL(), "pipeline-model-converter/validateJenkinsfile"),
                    HttpMethod.POST);
            request.setRequestParameters(List.of(new NameValuePair("jenkinsfile", jenkinsfile)));
            String answer = wc.getPage(wc.addCrumb(request)).getWebResponse().getContentAsString(StandardCharsets.UTF_8);
            return new ObjectMapper().readTree(answer).path("data");
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
