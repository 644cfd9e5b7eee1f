package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static io.jenkins.plugins.tat.TatFixture.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.PasswordParameterDefinition;
import hudson.model.PasswordParameterValue;
import hudson.model.Run;
import io.jenkins.plugins.tat.client.emulator.AdjustableClock;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedRole;
import io.jenkins.plugins.tat.client.emulator.IssuedKey;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Nothing secret is written to the build folder: not a command parameter's value (often a
 * password) and not the API key's SecretKey, neither while a build waits for its invocation nor
 * after it ended.
 *
 * <p>The value comes from a password build parameter, the way a secret reaches a build: Jenkins
 * itself keeps it encrypted in {@code build.xml} and masks it in the step arguments it records
 * ({@code workflow/*.xml}), so the only way it could reach the folder is through this plugin.
 * A value written literally into a script is in the script, and so in {@code build.xml}, whatever
 * a plugin does.
 */
@WithJenkins
class TatSecretsAtRestTest {

    private static final String SECRET_COMMAND = "cmd-secret01";
    private static final String PARAMETER = "DB_PASSWORD";
    private static final String VALUE = "db-Password-Value-MUST-NOT-PERSIST-4711";

    private JenkinsRule r;
    private TatFixture tat;
    private AdjustableClock clock;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        clock = AdjustableClock.at(Instant.now());
        tat = TatFixture.start(r, clock);
        tat.emu.command(EmulatedCommand.builder(SECRET_COMMAND).name("migrate").content("migrate --password '{{dbPassword}}'")
                .enableParameter(true).declaredParameter("dbPassword").build());
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    @Test
    void aWaitingPipelineKeepsNoParameterValueInItsBuildFolder() throws Exception {
        // Runs 2 minutes on the emulator's clock, which the test moves on once it has looked; the
        // invocation's timeout is raised above the task's time so that it ends SUCCESS.
        tat.emu.script(CVM_1, TaskScript.success().output("migrated\n").runningFor(Duration.ofMinutes(2)));
        WorkflowJob p = TatFixture.pipeline(r, "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', commandId: '" + SECRET_COMMAND + "', instanceIds: '" + CVM_1 + "', timeout: 600,"
                + " parameters: [dbPassword: env." + PARAMETER + "], waitForCompletion: true");
        p.addProperty(new ParametersDefinitionProperty(new PasswordParameterDefinition(PARAMETER, "", "")));

        WorkflowRun b = p.scheduleBuild2(0, new ParametersAction(new PasswordParameterValue(PARAMETER, VALUE))).waitForStart();
        r.waitForMessage("waiting for inv-", b);
        String id = tat.emu.invocations().get(0).invocationId();
        assertThat(tat.emu.invocations().get(0).parameters()).as("the value was sent").contains(VALUE);
        // The state saved once the InvocationId is known: the one a restart resumes from.
        Path program = b.getRootDir().toPath().resolve("program.dat");
        awaitFileContaining(program, id);

        List<Path> whileWaiting = assertNoSecretIn(b);
        assertThat(whileWaiting).contains(program, b.getRootDir().toPath().resolve("build.xml"));

        clock.advance(Duration.ofMinutes(3));
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("migrated", b);
        assertNoSecretIn(b);
    }

    @Test
    void aWaitInsideWithTencentCloudKeepsNeitherTheKeyNorAParameterValueInItsBuildFolder() throws Exception {
        // The block's environment holds the SecretKey for the steps inside; Pipeline saves it
        // with the program while the step waits.
        tat.emu.script(CVM_1, TaskScript.success().output("migrated\n").runningFor(Duration.ofMinutes(2)));
        WorkflowJob p = TatFixture.pipeline(r, "withTencentCloud(credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "') {\n  tatInvoke commandId: '" + SECRET_COMMAND + "', instanceIds: '" + CVM_1 + "', timeout: 600,"
                + " parameters: [dbPassword: env." + PARAMETER + "], waitForCompletion: true\n"
                + "  echo \"key length ${env.TENCENTCLOUD_SECRET_KEY.length()}\"\n}");
        p.addProperty(new ParametersDefinitionProperty(new PasswordParameterDefinition(PARAMETER, "", "")));

        WorkflowRun b = p.scheduleBuild2(0, new ParametersAction(new PasswordParameterValue(PARAMETER, VALUE))).waitForStart();
        r.waitForMessage("waiting for inv-", b);
        String id = tat.emu.invocations().get(0).invocationId();
        Path program = b.getRootDir().toPath().resolve("program.dat");
        awaitFileContaining(program, id);
        awaitFileContaining(program, "io.jenkins.plugins.tat.cloud.TencentCloudEnvironment");

        assertThat(assertNoSecretIn(b)).contains(program);

        clock.advance(Duration.ofMinutes(3));
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("key length " + SECRET_KEY.length(), b);
        assertNoSecretIn(b);
    }

    @Test
    void aWaitAsACamRoleKeepsNoTemporaryKeyOrTokenInItsBuildFolder() throws Exception {
        // The block's environment holds the role's temporary key and token; the waiting step
        // keeps the role's ARN to resume as the role.
        tat.emu.role(EmulatedRole.of(TatFixture.ROLE));
        tat.emu.script(CVM_1, TaskScript.success().output("migrated\n").runningFor(Duration.ofMinutes(2)));
        WorkflowJob p = TatFixture.pipeline(r, "withTencentCloud(credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', role: '" + TatFixture.ROLE + "') {\n  tatInvoke commandId: '" + SECRET_COMMAND + "', instanceIds: '" + CVM_1
                + "', timeout: 600, parameters: [dbPassword: env." + PARAMETER + "], waitForCompletion: true\n}");
        p.addProperty(new ParametersDefinitionProperty(new PasswordParameterDefinition(PARAMETER, "", "")));

        WorkflowRun b = p.scheduleBuild2(0, new ParametersAction(new PasswordParameterValue(PARAMETER, VALUE))).waitForStart();
        r.waitForMessage("waiting for inv-", b);
        Path program = b.getRootDir().toPath().resolve("program.dat");
        awaitFileContaining(program, tat.emu.invocations().get(0).invocationId());
        awaitFileContaining(program, TatFixture.ROLE);
        IssuedKey key = tat.emu.issuedKeys().get(0);

        assertThat(assertNoSecretIn(b, key.secretKey(), key.sessionToken())).contains(program);

        clock.advance(Duration.ofMinutes(3));
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertNoSecretIn(b, key.secretKey(), key.sessionToken());
    }

    @Test
    void nothingSecretIsWrittenWhileInvokeCommandIsInFlight() throws Exception {
        // InvokeCommand answers 10 s late: the step has started, Pipeline has written its state,
        // and there is no InvocationId yet.
        tat.emu.faults().forAction("InvokeCommand").delay(Duration.ofSeconds(10));
        WorkflowJob p = TatFixture.pipeline(r, "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', commandId: '" + SECRET_COMMAND + "', instanceIds: '" + CVM_1 + "',"
                + " parameters: [dbPassword: env." + PARAMETER + "], waitForCompletion: true");
        p.addProperty(new ParametersDefinitionProperty(new PasswordParameterDefinition(PARAMETER, "", "")));

        WorkflowRun b = p.scheduleBuild2(0, new ParametersAction(new PasswordParameterValue(PARAMETER, VALUE))).waitForStart();
        r.waitForMessage("TAT: invoking " + SECRET_COMMAND, b);
        // The state written once the step's execution started, InvokeCommand still unanswered.
        awaitFileContaining(b.getRootDir().toPath().resolve("program.dat"), "io.jenkins.plugins.tat.wait.InvocationWaitExecution");

        assertNoSecretIn(b);
        r.assertLogNotContains("TAT: started invocation", b); // still in the window when looking

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(tat.emu.invocations().get(0).parameters()).as("the value was sent").contains(VALUE);
        assertNoSecretIn(b);
    }

    @Test
    void aWaitedFreestyleBuildKeepsNoParameterValueInItsBuildFolder() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.addProperty(new ParametersDefinitionProperty(new PasswordParameterDefinition(PARAMETER, "", "")));
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, SECRET_COMMAND, CVM_1);
        builder.setParameters("{\"dbPassword\": \"${" + PARAMETER + "}\"}");
        builder.setWaitForCompletion(true);
        p.getBuildersList().add(builder);

        FreeStyleBuild b = r.assertBuildStatusSuccess(
                p.scheduleBuild2(0, new ParametersAction(new PasswordParameterValue(PARAMETER, VALUE))));

        assertThat(tat.emu.invocations().get(0).parameters()).as("the value was sent").contains(VALUE);
        List<Path> files = assertNoSecretIn(b);
        assertThat(files).contains(b.getRootDir().toPath().resolve("build.xml"));
        assertThat(TatFixture.read(b.getRootDir().toPath().resolve("build.xml"))).contains(TatInvocationAction.class.getName());
    }

    @Test
    void aWaitingTatRunKeepsNeitherAHiddenParameterNorTheScriptsSecretInItsBuildFolder() throws Exception {
        tat.emu.script(CVM_1, TaskScript.success().output("migrated\n").runningFor(Duration.ofMinutes(2)));
        WorkflowJob p = TatFixture.pipeline(r, "tatRun credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                + "', instanceIds: '" + CVM_1 + "', timeout: 600, waitForCompletion: true,"
                + " script: \"migrate --password '{{tat-hidden:dbPassword}}' --check ${env." + PARAMETER + "}\","
                + " parameters: [dbPassword: env." + PARAMETER + "]");
        p.addProperty(new ParametersDefinitionProperty(new PasswordParameterDefinition(PARAMETER, "", "")));

        WorkflowRun b = p.scheduleBuild2(0, new ParametersAction(new PasswordParameterValue(PARAMETER, VALUE))).waitForStart();
        r.waitForMessage("waiting for inv-", b);
        String id = tat.emu.invocations().get(0).invocationId();
        assertThat(tat.emu.invocationCommand(id).content()).as("the script was sent").contains(VALUE);
        assertThat(tat.emu.invocations().get(0).parameters()).as("TAT masks the hidden value").doesNotContain(VALUE);
        awaitFileContaining(b.getRootDir().toPath().resolve("program.dat"), id);

        assertNoSecretIn(b);

        clock.advance(Duration.ofMinutes(3));
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("migrated", b);
        assertNoSecretIn(b);
    }

    /**
     * Reads every file under the build's folder as bytes and fails naming those that hold the
     * parameter value, the SecretKey or another of the given secrets, in UTF-8 (XML, the log, Java serialisation of ASCII text)
     * or UTF-16.
     *
     * @return the files read
     */
    private static List<Path> assertNoSecretIn(Run<?, ?> build, String... moreSecrets) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(build.getRootDir().toPath())) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                continue; // a temporary file, renamed meanwhile into one read here or on the next look
            }
            List<String> secrets = new ArrayList<>(List.of(VALUE, SECRET_KEY));
            secrets.addAll(List.of(moreSecrets));
            for (String secret : secrets) {
                if (contains(bytes, secret)) {
                    leaks.add(build.getRootDir().toPath().relativize(file) + " holds " + secret);
                }
            }
        }
        System.out.println("Searched " + files.size() + " files of " + build + " for secrets: "
                + files.stream().map(f -> build.getRootDir().toPath().relativize(f).toString()).toList());
        assertThat(leaks).as("secrets in the build folder of " + build).isEmpty();
        return files;
    }

    private static boolean contains(byte[] haystack, String secret) {
        return indexOf(haystack, secret.getBytes(StandardCharsets.UTF_8)) >= 0
                || indexOf(haystack, secret.getBytes(StandardCharsets.UTF_16BE)) >= 0
                || indexOf(haystack, secret.getBytes(StandardCharsets.UTF_16LE)) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Waits until the file exists and holds the text: Pipeline writes its state asynchronously. */
    private static void awaitFileContaining(Path file, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        while (!(Files.isRegularFile(file) && indexOf(Files.readAllBytes(file), needle) >= 0)) {
            assertThat(System.nanoTime()).as(file + " never held " + text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
