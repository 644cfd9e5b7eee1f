package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.commons.io.FileUtils;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The controller dies between two batches of a fleet of 401 instances (three batches: 200, 200,
 * 1), without its clean shutdown: what it left on disk is what the build had saved when the
 * second batch's InvokeCommand was on the wire, the emulator never answering it. When the
 * controller comes back, no batch is sent again, and the build fails naming the invocation that
 * runs and every instance that was not sent.
 *
 * <p>The crash is made by copying the build's folder and Pipeline's list of running builds at
 * that moment, letting the first session stop, and putting the copies back before the second
 * session starts: whatever the clean shutdown wrote in between is gone, as after a power cut.
 */
class TatCrashBetweenBatchesTest {

    private static final String FLOW_EXECUTION_LIST = "org.jenkinsci.plugins.workflow.flow.FlowExecutionList.xml";

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    private Path crashed;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    @Timeout(600)
    void afterACrashBetweenBatchesNoBatchIsSentAgainAndTheBuildNamesWhatRunsAndWhatWasNot() throws Throwable {
        List<String> fleet = IntStream.range(0, 401).mapToObj(i -> String.format("ins-c%07d", i)).toList();
        try (TatEmulator emu = TatFixture.emulator(Clock.systemUTC())) {
            fleet.forEach(id -> emu.instance(EmulatedInstance.cvm(id)));
            // The first batch is answered late, which leaves the time to make the emulator hold
            // the second one: read, never executed, never answered.
            emu.faults().forAction("InvokeCommand").delay(Duration.ofSeconds(3), 1);

            sessions.then(r -> {
                TatFixture.configure(r, emu);
                WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("def ids = tatInvoke credentialsId: '" + CREDENTIALS_ID + "', region: '"
                        + REGION + "', commandId: '" + COMMAND + "', instanceIds: '" + String.join(" ", fleet)
                        + "', waitForCompletion: true\necho \"result=${ids}\"", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                await(() -> emu.executed("InvokeCommand") == 1, "the first batch started");
                emu.faults().forAction("InvokeCommand").noAnswer(1);
                r.waitForMessage("batch 1 of 3: started invocation", b);
                await(() -> emu.received("InvokeCommand") == 2, "the second batch on the wire");
                Path list = r.jenkins.getRootDir().toPath().resolve(FLOW_EXECUTION_LIST);
                await(() -> Files.isRegularFile(list), "Pipeline listed the running build");
                // The crash: the disk as it is now.
                Path build = b.getRootDir().toPath();
                FileUtils.copyDirectory(build.toFile(), crashed.resolve("build").toFile());
                Files.copy(list, crashed.resolve(FLOW_EXECUTION_LIST));
            });
            Path home = sessions.getHome().toPath();
            Path build = home.resolve("jobs/p/builds/1");
            FileUtils.deleteDirectory(build.toFile());
            FileUtils.copyDirectory(crashed.resolve("build").toFile(), build.toFile());
            Files.copy(crashed.resolve(FLOW_EXECUTION_LIST), home.resolve(FLOW_EXECUTION_LIST), StandardCopyOption.REPLACE_EXISTING);
            String running = emu.invocations().get(0).invocationId();
            assertThat(emu.invocations()).as("the second batch was never executed").hasSize(1);

            sessions.then(r -> {
                WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
                r.assertLogContains("Jenkins restarted while a fleet was being sent in batches. These invocations had started"
                        + " and still run: " + running + ".", b);
                r.assertLogContains("These 201 instance(s) were not sent", b);
                r.assertLogContains("nothing was sent again: " + String.join(", ", fleet.subList(200, 401)) + ".", b);
                r.assertLogNotContains("result=", b);
                assertThat(emu.received("InvokeCommand")).as("no batch sent again").isEqualTo(2);
                assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
                assertThat(emu.invocations()).hasSize(1);
            });
        }
    }
}
