package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.slaves.EnvironmentVariablesNodeProperty;
import hudson.tasks.Shell;
import hudson.util.Secret;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.config.TatGlobalConfiguration;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentialsImpl;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The examples of README.md ({@code tatInvoke}, {@code tatWait}, {@code tatRun}), run as they are
 * written against the TAT emulator set up with the README's names (the key {@code tencent-deploy}, {@code cmd-abcd1234}, {@code ins-aaaa1111} and
 * {@code ins-bbbb2222} in {@code ap-guangzhou}), and the behaviour the README promises for
 * {@code timeout {}} and {@code waitTimeout}. The Declarative examples of README.md and of every
 * file in docs/ run unchanged in real Declarative (Pipeline: Declarative is a test dependency).
 */
@WithJenkins
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReadmeExamplesTest {

    private static final Path README = Path.of("README.md");
    private static final String CREDENTIALS_ID = "tencent-deploy";
    private static final String SECRET_ID = "AKIDreadmeExample0001";
    private static final String SECRET_KEY = "readme-Secret-Key-MUST-NOT-LEAK";
    private static final String COMMAND = "cmd-abcd1234";
    private static final String WEB = "ins-aaaa1111";
    private static final String CHECK = "ins-bbbb2222";
    private static final Path DOCS = Path.of("docs");

    private JenkinsRule r;
    private TatEmulator emu;

    @BeforeEach
    void setUp(JenkinsRule rule) throws IOException {
        r = rule;
        emu = TatEmulator.start().account(SECRET_ID, SECRET_KEY);
        emu.command(EmulatedCommand.builder(COMMAND).name("deploy-web").content("echo deploying {{version}}")
                .enableParameter(true).defaultParameter("version", "1.0").build());
        emu.instance(EmulatedInstance.cvm(WEB));
        emu.instance(EmulatedInstance.cvm(CHECK));
        TatGlobalConfiguration.get().setEndpoint(emu.endpoint().toString());
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new TencentCloudCredentialsImpl(CredentialsScope.GLOBAL, CREDENTIALS_ID, "README key", SECRET_ID,
                        Secret.fromString(SECRET_KEY)));
    }

    @AfterEach
    void tearDown() {
        emu.close();
    }

    @Test
    void theReadmeHasTheExamplesThisTestRuns() throws IOException {
        assertThat(scripted()).hasSize(2);
        assertThat(declarative()).hasSize(4);
        assertThat(declarativeInDocs()).hasSize(3);
        assertThat(timeoutExample()).startsWith("timeout(");
        assertThat(tatRunExample()).contains("tatRun ");
        assertThat(withTencentCloudExample()).contains("tatWait invocationId: id").contains("sh 'tccli ");
        assertThat(blocks("groovy")).hasSize(scripted().size() + declarative().size() + 3);
    }

    @Test
    void theScriptedExamplesRun() throws Exception {
        for (String example : scripted()) {
            WorkflowRun b = r.buildAndAssertSuccess(pipeline(example));

            r.assertLogContains("---- " + WEB + ": SUCCESS, exit code 0", b);
            r.assertLogContains("---- " + CHECK + ": SUCCESS, exit code 0", b);
            r.assertLogNotContains(SECRET_KEY, b);
        }
        assertThat(emu.executed("InvokeCommand")).isEqualTo(2);
        ObjectMapper json = new ObjectMapper();
        assertThat(emu.invocations()).allSatisfy(
                i -> assertThat(json.readTree(i.parameters()).path("version").asText()).isEqualTo("1.4.2"));
    }

    @Test
    void theDeclarativeExamplesOfTheReadmeAndTheDocsRun(@TempDir Path bin) throws Exception {
        tccliOnThePath(bin);
        List<String> examples = new ArrayList<>(declarative());
        examples.addAll(declarativeInDocs());
        int invocations = 0;
        for (String example : examples) {
            WorkflowRun b = r.buildAndAssertSuccess(pipeline(example));

            int sent = example.split("tatInvoke ", -1).length - 1;
            invocations += sent;
            assertThat(emu.executed("InvokeCommand")).as("invocations after %s", b).isEqualTo(invocations);
            if (sent > 0) {
                r.assertLogContains("---- " + WEB + ": SUCCESS", b);
            }
            if (example.contains("sh 'tccli ")) {
                r.assertLogContains(": SecretId ****, region ap-guangzhou, SecretKey of " + SECRET_KEY.length()
                        + " characters, ****", b);
            }
            r.assertLogNotContains(SECRET_KEY, b);
            r.assertLogNotContains(SECRET_ID, b);
        }
        WorkflowRun first = r.jenkins.getItemByFullName("p0", WorkflowJob.class).getLastBuild();
        r.assertLogContains("Started TAT invocation inv-", first);
        assertThat(invocations).isEqualTo(1 + 2 + 1 + 0 + 1 + 2 + 0);
    }

    @Test
    void theFirstDeclarativeExampleMarksTheBuildUnstableWhenATaskFails() throws Exception {
        emu.script(CHECK, TaskScript.failure(3).output("disk full\n"));

        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, pipeline(declarative().get(0)));

        r.assertLogContains("TAT tasks did not succeed on [" + CHECK + "]", b);
    }

    @Test
    void theTatRunExampleRunsTheScriptWithItsParameterAndWaits() throws Exception {
        emu.script(WEB, TaskScript.success().output("active\n"));
        emu.script(CHECK, TaskScript.success().output("active\n"));

        WorkflowRun b = r.buildAndAssertSuccess(pipeline(tatRunExample()));

        assertThat(emu.executed("RunCommand")).isEqualTo(1);
        String id = emu.invocations().get(0).invocationId();
        r.assertLogContains("Restarted nginx with TAT invocation " + id, b);
        r.assertLogContains("---- " + WEB + ": SUCCESS, exit code 0", b);
        r.assertLogContains("---- " + CHECK + ": SUCCESS, exit code 0", b);
        assertThat(emu.invocationCommand(id).content()).contains("systemctl restart {{service}}");
        assertThat(emu.invocations().get(0).parameters()).isEqualTo("{\"service\":\"nginx\"}");
        r.assertLogNotContains("systemctl restart", b);
        r.assertLogNotContains(SECRET_KEY, b);
    }

    @Test
    void theTimeoutExampleRuns() throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(pipeline(timeoutExample()));

        r.assertLogContains("---- " + CHECK + ": SUCCESS, exit code 0", b);
    }

    @Test
    void anOuterTimeoutStopsTheStepWhichCancelsTheInvocation() throws Exception {
        emu.script(WEB, TaskScript.success().pendingFor(Duration.ofMinutes(30)));
        emu.script(CHECK, TaskScript.success().runningFor(Duration.ofMinutes(30)));
        String example = timeoutExample().replace("time: 30, unit: 'MINUTES'", "time: 3, unit: 'SECONDS'");
        assertThat(example).contains("time: 3, unit: 'SECONDS'");

        WorkflowRun b = r.buildAndAssertStatus(Result.ABORTED, pipeline(example));

        String id = emu.invocations().get(0).invocationId();
        r.assertLogContains("cancelling invocation " + id, b);
        assertThat(emu.executed("CancelInvocation")).isEqualTo(1);
        assertThat(emu.invocation(id).task(WEB).status()).isEqualTo("CANCELLED");
        assertThat(emu.invocation(id).task(CHECK).status()).isEqualTo("TERMINATED");
    }

    @Test
    void waitTimeoutFailsTheStepAndTheTasksGoOn() throws Exception {
        emu.script(WEB, TaskScript.success().runningFor(Duration.ofMinutes(30)));
        emu.script(CHECK, TaskScript.success().runningFor(Duration.ofMinutes(30)));
        String example = scripted().get(1).replace("waitTimeout: 900", "waitTimeout: 3");
        assertThat(example).contains("waitTimeout: 3");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, pipeline(example));

        String id = emu.invocations().get(0).invocationId();
        r.assertLogContains("Gave up waiting for " + id, b);
        assertThat(emu.executed("CancelInvocation")).isZero();
        assertThat(emu.invocation(id).task(WEB).status()).isEqualTo("RUNNING");
        assertThat(emu.invocation(id).task(CHECK).status()).isEqualTo("RUNNING");
    }

    @Test
    void theWithTencentCloudExampleRunsWithTheKeyAndRegionOfTheBlock(@TempDir Path bin) throws Exception {
        tccliOnThePath(bin);

        WorkflowRun b = r.buildAndAssertSuccess(pipeline(withTencentCloudExample()));

        r.assertLogContains("---- " + WEB + ": SUCCESS, exit code 0", b);
        r.assertLogContains("---- " + CHECK + ": SUCCESS, exit code 0", b);
        r.assertLogContains("tccli tat DescribeAutomationAgentStatus: SecretId ****, region ap-guangzhou, SecretKey of "
                + SECRET_KEY.length() + " characters, ****", b);
        r.assertLogNotContains(SECRET_KEY, b);
        assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
        assertThat(emu.requests()).allSatisfy(request ->
                assertThat(request.headers().get("authorization")).contains("Credential=" + SECRET_ID + "/"));
    }

    @Test
    void theFreestyleShellExampleSeesTheInvocationId() throws Exception {
        List<String> shell = blocks("sh").stream().filter(b -> b.contains("TAT_INVOCATION_ID")).toList();
        assertThat(shell).hasSize(1);
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(new TatInvokeBuilder(CREDENTIALS_ID, "ap-guangzhou", COMMAND, WEB + "\n" + CHECK));
        p.getBuildersList().add(new Shell(shell.get(0)));

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        r.assertLogContains("Deployed with TAT invocation " + emu.invocations().get(0).invocationId(), b);
    }

    @Test
    void theCamPolicyIsTheOneOfTheCredentialsDoc() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> readme = blocks("json");
        List<String> doc = blocks(Path.of("docs", "credentials.md"), "json");
        assertThat(readme).hasSize(1);
        assertThat(doc).hasSize(1);

        JsonNode policy = json.readTree(readme.get(0));
        assertThat(policy).isEqualTo(json.readTree(doc.get(0)));
        assertThat(policy.path("statement").get(0).path("action")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "tat:InvokeCommand", "tat:RunCommand", "tat:DescribeAutomationAgentStatus", "tat:DescribeCommands",
                "tat:DescribeInvocations", "tat:DescribeInvocationTasks", "tat:CancelInvocation");
    }

    /**
     * A stand-in for tccli on the PATH of the controller's node, which shows what the real one
     * would find in its environment: the Tencent Cloud SDKs' variable names. Its region is the
     * environment's, or the one given as {@code --region}.
     */
    private void tccliOnThePath(Path bin) throws IOException {
        assumeFalse(Functions.isWindows(), "the tccli stand-in is a POSIX shell script");
        Path tccli = bin.resolve("tccli");
        Files.writeString(tccli, "#!/bin/sh\nregion=$TENCENTCLOUD_REGION\n"
                + "case \"$*\" in *'--region '*) region=${*##*--region }; region=${region%% *};; esac\n"
                + "echo \"tccli $*: SecretId $TENCENTCLOUD_SECRET_ID, region $region,"
                + " SecretKey of ${#TENCENTCLOUD_SECRET_KEY} characters, $TENCENTCLOUD_SECRET_KEY\"\n", StandardCharsets.UTF_8);
        assertThat(tccli.toFile().setExecutable(true)).isTrue();
        r.jenkins.getGlobalNodeProperties().add(new EnvironmentVariablesNodeProperty(
                new EnvironmentVariablesNodeProperty.Entry("PATH+TCCLI", bin.toString())));
    }

    private WorkflowJob pipeline(String script) throws Exception {
        return TatFixture.pipeline(r, script);
    }

    private static List<String> scripted() throws IOException {
        return blocks("groovy").stream().filter(b -> !b.startsWith("pipeline {") && !b.startsWith("timeout(")
                && !b.startsWith("withTencentCloud(") && !b.contains("tatRun ")).toList();
    }

    private static String tatRunExample() throws IOException {
        List<String> found = blocks("groovy").stream().filter(b -> b.contains("tatRun ")).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String withTencentCloudExample() throws IOException {
        List<String> found = blocks("groovy").stream().filter(b -> b.startsWith("withTencentCloud(")).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> declarative() throws IOException {
        return blocks("groovy").stream().filter(b -> b.startsWith("pipeline {")).toList();
    }

    /** The Declarative examples of every Markdown file in docs/ (not its subfolders), in name order. */
    private static List<String> declarativeInDocs() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path doc : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                blocks(doc, "groovy").stream().filter(b -> b.startsWith("pipeline {")).forEach(found::add);
            }
        }
        return found;
    }

    private static String timeoutExample() throws IOException {
        List<String> found = blocks("groovy").stream().filter(b -> b.startsWith("timeout(")).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> blocks(String language) throws IOException {
        return blocks(README, language);
    }

    /** The fenced blocks of one language in a Markdown file. */
    private static List<String> blocks(Path markdown, String language) throws IOException {
        Matcher m = Pattern.compile("(?ms)^```" + language + "\\n(.*?)^```$").matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        return m.results().map(result -> result.group(1)).toList();
    }
}
