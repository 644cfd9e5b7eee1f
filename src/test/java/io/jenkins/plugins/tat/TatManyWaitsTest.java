package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.watch.InvocationWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Fifty Pipeline builds waiting for their invocations at once cost the controller no thread each:
 * the waits are the shared poller's, and the steps are ended from its callbacks.
 */
@WithJenkins
class TatManyWaitsTest {

    private static final int BUILDS = 50;

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
    void fiftyWaitingBuildsAddNoThreadEach() throws Exception {
        List<WorkflowJob> jobs = new ArrayList<>();
        for (int i = 0; i < BUILDS; i++) {
            String instance = String.format("ins-wait%05d", i);
            tat.emu.instance(EmulatedInstance.cvm(instance));
            tat.emu.script(instance, TaskScript.success().runningFor(Duration.ofSeconds(15)).output("done " + i + "\n"));
            jobs.add(TatFixture.pipeline(r, "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION
                    + "', commandId: '" + COMMAND + "', instanceIds: '" + instance + "', waitForCompletion: true"));
        }
        // One build first, so that everything a first wait starts (the poller, the HTTP client) exists.
        WorkflowJob warmUp = TatFixture.pipeline(r, "tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '"
                + REGION + "', commandId: '" + COMMAND + "', instanceIds: '" + TatFixture.CVM_1 + "', waitForCompletion: true");
        r.buildAndAssertSuccess(warmUp);
        int before = threads();

        List<WorkflowRun> builds = new ArrayList<>();
        for (WorkflowJob job : jobs) {
            builds.add(job.scheduleBuild2(0).waitForStart());
        }
        for (WorkflowRun b : builds) {
            r.waitForMessage("waiting for inv-", b);
        }
        int waiting = threads();
        int ours = pluginThreads();
        for (WorkflowRun b : builds) {
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("1 succeeded", b);
        }

        System.out.printf("%d waiting Pipeline builds: %d threads before, %d while all waited, %d of them the"
                + " plugin's (invocation pool and pollers)%n", BUILDS, before, waiting, ours);
        // The old design held a thread per waiting build. Now the plugin's threads are its small
        // invocation pool and the shared poller's, whatever the number of builds; what else
        // Jenkins starts (its HTTP executor, Pipeline's CPS threads) comes and goes with activity.
        // 8: InvocationWaitExecution's invocation pool; then tat-client's polling (its timer and its
        // bounded round pool), whatever the number of waits.
        assertThat(ours).as("the plugin's threads while %d builds wait", BUILDS)
                .isLessThanOrEqualTo(8 + InvocationWatcher.MAX_POLLING_THREADS);
        assertThat(waiting - before).as("threads added by %d waiting builds", BUILDS).isLessThan(BUILDS);
    }

    /** Live threads of the plugin: its invocation pool and tat-client's shared poller. */
    private static int pluginThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("TAT invocation wait") || t.getName().startsWith("tat-poller-")).count();
    }

    /** Live threads of the JVM, the emulator's own (one per connection) left out. */
    private static int threads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("tat-emulator-")).count();
    }
}
