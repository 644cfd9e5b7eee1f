package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.CVM_2;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Builds saved by a released version keep loading: {@code build.xml} with the build page's
 * {@link TatInvocationAction} (one invocation, and a fleet's three batches), and the
 * {@code program.dat} of Pipeline builds that were waiting for their invocations when Jenkins
 * stopped, which must resume and finish against the emulator.
 *
 * <p>The job folders under {@code formats/builds/} and {@code formats/program/} are copies of
 * folders the plugin wrote when they were checked in: the builds ran against an emulator in a
 * JenkinsRule, and Jenkins was stopped while the Pipeline steps waited. Two things are changed at
 * load time, as a restart soon after the stop would have found them: the emulator's port (the
 * global configuration and the API key are set up by a first session, before the folders are
 * copied in), and the waiting step's deadline in {@code program.dat}, an absolute time that has
 * long passed: the 8 bytes of the saved value are replaced with an hour from now, nothing else.
 *
 * <p>{@code program/invoke-waiting-single-id} holds a waiting step in the form saved before fleets
 * were sent in batches (one {@code invocationId}, no {@code invocationIds} list and no
 * {@code allSent}); {@code InvocationWaitExecution.readResolve} turns it into today's. It was
 * written by today's plugin with those two fields made transient and {@code invocationId} set,
 * which leaves exactly the fields the class had before fleets (commit 99c0bf1).
 */
class SavedBuildFormatsTest {

    /** The invocation of {@code builds/single}. */
    static final String SINGLE = "inv-8v1vzwbd";
    /** The three batches of {@code builds/fleet}, in batch order. */
    static final List<String> FLEET = List.of("inv-2s5s64p6", "inv-atd84kns", "inv-4hzr9rvw");
    /** The invocation {@code program/invoke-waiting} waits for, and its saved deadline. */
    static final String INVOKE_WAITING = "inv-dyc1ap6y";
    static final long INVOKE_WAITING_DEADLINE = 1796709621955L;
    /** The invocation {@code program/wait-waiting} (tatWait) waits for, and its saved deadline. */
    static final String WAIT_WAITING = "inv-fmtwait1";
    static final long WAIT_WAITING_DEADLINE = 1796709625106L;
    /** The invocation {@code program/invoke-waiting-single-id} waits for, and its saved deadline. */
    static final String SINGLE_ID_WAITING = "inv-3609u4l0";
    static final long SINGLE_ID_WAITING_DEADLINE = 1796709742016L;

    private static final String FLOW_EXECUTION_LIST = "org.jenkinsci.plugins.workflow.flow.FlowExecutionList.xml";

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private static Path fixture(String path) throws URISyntaxException {
        URL url = SavedBuildFormatsTest.class.getResource("formats/" + path);
        assertThat(url).as(path).isNotNull();
        return Path.of(url.toURI());
    }

    /** Copies a fixture's job folder into the Jenkins home, as it was when Jenkins stopped. */
    private void install(String fixture, String job) throws Exception {
        FileUtils.copyDirectory(fixture(fixture).toFile(), sessions.getHome().toPath().resolve("jobs/" + job).toFile());
    }

    /**
     * Installs a waiting Pipeline build: its job folder, the list of running builds Pipeline keeps
     * in the home (so that it resumes at start-up), and a deadline an hour from now.
     */
    private void installWaiting(String job, long savedDeadline) throws Exception {
        install("program/" + job, job);
        Files.copy(fixture("program/" + job + ".FlowExecutionList.xml"),
                sessions.getHome().toPath().resolve(FLOW_EXECUTION_LIST), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        replaceLong(sessions.getHome().toPath().resolve("jobs/" + job + "/builds/1/program.dat"), savedDeadline,
                System.currentTimeMillis() + Duration.ofHours(1).toMillis());
    }

    /** Replaces the one occurrence of a big-endian long, as JBoss Marshalling writes a long field. */
    static void replaceLong(Path file, long from, long to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = ByteBuffer.allocate(Long.BYTES).putLong(from).array();
        int at = indexOf(bytes, needle, 0);
        assertThat(at).as("the saved deadline " + from + " in " + file).isNotNegative();
        assertThat(indexOf(bytes, needle, at + 1)).as("the saved deadline only once").isNegative();
        System.arraycopy(ByteBuffer.allocate(Long.BYTES).putLong(to).array(), 0, bytes, at, Long.BYTES);
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    @Timeout(300)
    void aSavedBuildWithOneInvocationShowsItsPageAndSetsItsVariables() throws Throwable {
        sessions.then(r -> { }); // a home to copy into
        install("builds/single", "single");
        sessions.then(r -> {
            FreeStyleBuild b = r.jenkins.getItemByFullName("single", FreeStyleProject.class).getBuildByNumber(1);
            List<TatInvocationAction> actions = b.getActions(TatInvocationAction.class);
            assertThat(actions).hasSize(1);
            TatInvocationAction a = actions.get(0);
            assertThat(a.getInvocationId()).isEqualTo(SINGLE);
            assertThat(a.getRegion()).isEqualTo(REGION);
            assertThat(a.getCommandId()).isEqualTo(COMMAND);
            assertThat(a.getRequestId()).isNotBlank();
            assertThat(a.getInstanceCount()).isEqualTo(2);
            assertThat(a.getConsoleUrl()).startsWith("https://console.cloud.tencent.com/");
            assertThat(a.getSummary()).isEqualTo("1 succeeded, 1 failed");
            assertThat(a.getBatchNumber()).isZero();
            assertThat(a.getBatchCount()).isZero();
            assertThat(a.getSavedCommandId()).isNull();
            assertThat(a.getTasks()).extracting(TatInvocationAction.TaskSummary::getInstanceId).containsExactly(CVM_1, CVM_2);
            assertThat(a.getTasks()).extracting(TatInvocationAction.TaskSummary::getStatus).containsExactly("SUCCESS", "FAILED");
            assertThat(a.getTasks()).extracting(TatInvocationAction.TaskSummary::getExitCode).containsExactly(0L, 3L);
            assertThat(a.getTasks()).allSatisfy(t -> assertThat(t.getTaskId()).startsWith("invt-"));

            EnvVars env = b.getEnvironment(TaskListener.NULL);
            assertThat(env.get(TatInvocationAction.ENV_VAR)).isEqualTo(SINGLE);
            assertThat(env.get(TatInvocationAction.IDS_ENV_VAR)).isEqualTo(SINGLE);

            try (JenkinsRule.WebClient wc = r.createWebClient()) {
                HtmlPage page = wc.getPage(b, a.getUrlName());
                assertThat(page.asNormalizedText()).contains(SINGLE, REGION, COMMAND, CVM_2, "FAILED", "1 succeeded, 1 failed");
                assertThat(wc.getPage(b).asNormalizedText()).contains("TAT invocation " + SINGLE);
            }
        });
    }

    @Test
    @Timeout(300)
    void aSavedFleetBuildShowsEachBatchAndSetsEveryInvocationId() throws Throwable {
        sessions.then(r -> { });
        install("builds/fleet", "fleet");
        sessions.then(r -> {
            FreeStyleBuild b = r.jenkins.getItemByFullName("fleet", FreeStyleProject.class).getBuildByNumber(1);
            List<TatInvocationAction> actions = b.getActions(TatInvocationAction.class);
            assertThat(actions).extracting(TatInvocationAction::getInvocationId).containsExactlyElementsOf(FLEET);
            assertThat(actions).extracting(TatInvocationAction::getBatchNumber).containsExactly(1, 2, 3);
            assertThat(actions).extracting(TatInvocationAction::getBatchCount).containsExactly(3, 3, 3);
            assertThat(actions).extracting(TatInvocationAction::getInstanceCount).containsExactly(200, 200, 1);
            assertThat(actions).extracting(TatInvocationAction::getSummary)
                    .containsExactly("200 succeeded", "200 succeeded", "1 succeeded");

            EnvVars env = b.getEnvironment(TaskListener.NULL);
            assertThat(env.get(TatInvocationAction.IDS_ENV_VAR)).isEqualTo(String.join(",", FLEET));
            assertThat(env.get(TatInvocationAction.ENV_VAR)).isEqualTo(FLEET.get(2));

            try (JenkinsRule.WebClient wc = r.createWebClient()) {
                String page = wc.getPage(b, actions.get(1).getUrlName()).asNormalizedText();
                assertThat(page).contains(FLEET.get(1), "2 of 3");
            }
        });
    }

    /**
     * Starts the saved waiting build on an emulator that knows its invocation, whose one task has
     * ended, and returns once the build resumed and finished.
     */
    private void resume(String job, long savedDeadline, String invocationId, JenkinsSessionExtension.Step check)
            throws Throwable {
        try (TatEmulator emu = TatFixture.emulator(Clock.systemUTC())) {
            emu.script(CVM_1, TaskScript.success().output("finished after the saved state was loaded\n"));
            emu.createInvocation(invocationId, COMMAND, List.of(CVM_1));
            sessions.then(r -> TatFixture.configure(r, emu));
            installWaiting(job, savedDeadline);
            sessions.then(r -> {
                check.run(r);
                assertThat(emu.received("InvokeCommand")).as("nothing invoked again").isZero();
                assertThat(emu.received("DescribeInvocations")).as("the saved invocation was polled").isPositive();
            });
        }
    }

    @Test
    @Timeout(300)
    void aSavedWaitingTatInvokeResumesAndReturnsItsInvocationId() throws Throwable {
        resume("invoke-waiting", INVOKE_WAITING_DEADLINE, INVOKE_WAITING, r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("invoke-waiting", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("resuming the wait for " + INVOKE_WAITING, b);
            r.assertLogContains("finished after the saved state was loaded", b);
            r.assertLogContains("result=" + INVOKE_WAITING, b);
            TatInvocationAction a = TatInvocationAction.find(b, INVOKE_WAITING);
            assertThat(a).isNotNull();
            assertThat(a.getSummary()).isEqualTo("1 succeeded");
        });
    }

    @Test
    @Timeout(300)
    void aSavedWaitingTatWaitResumesAndReturnsTheTasks() throws Throwable {
        resume("wait-waiting", WAIT_WAITING_DEADLINE, WAIT_WAITING, r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("wait-waiting", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("resuming the wait for " + WAIT_WAITING, b);
            r.assertLogContains("tasks=1 status=SUCCESS exit=0 output=finished after the saved state was loaded", b);
        });
    }

    @Test
    @Timeout(300)
    void aWaitSavedBeforeFleetsWithOneInvocationIdResumes() throws Throwable {
        resume("invoke-waiting-single-id", SINGLE_ID_WAITING_DEADLINE, SINGLE_ID_WAITING, r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("invoke-waiting-single-id", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("resuming the wait for " + SINGLE_ID_WAITING, b);
            r.assertLogContains("finished after the saved state was loaded", b);
            r.assertLogContains("result=" + SINGLE_ID_WAITING, b);
        });
    }
}
