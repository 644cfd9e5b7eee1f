package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.emulator.AdjustableClock;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.EmulatedRole;
import io.jenkins.plugins.tat.client.emulator.IssuedKey;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A Pipeline waiting for an invocation survives a controller restart: it resumes waiting with the
 * saved InvocationId and never invokes again.
 */
class TatRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void resumesWaitingAfterARestartWithoutInvokingAgain() throws Throwable {
        // The emulator outlives both Jenkins sessions. Its clock moves the task to its end while
        // Jenkins is down; it stays within the 5 minutes of skew the signature check allows. The
        // task runs 2 minutes, so the invocation's timeout is raised above the command's 60 s
        // default: otherwise TAT would end it TIMEOUT.
        AdjustableClock clock = AdjustableClock.at(Instant.now());
        try (TatEmulator emu = TatFixture.emulator(clock)) {
            emu.script(CVM_1, TaskScript.success().output("finished after the restart\n").runningFor(Duration.ofMinutes(2)));

            sessions.then(r -> {
                TatFixture.configure(r, emu);
                WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("def id = tatInvoke credentialsId: '" + CREDENTIALS_ID
                        + "', region: '" + REGION + "', commandId: '" + COMMAND + "', instanceIds: '" + CVM_1
                        + "', timeout: 600, waitForCompletion: true\necho \"result=${id}\"", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage("waiting for inv-", b);
                r.waitForMessage(" (1 task)", b); // the progress line, singular for one task
                assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
            });

            clock.advance(Duration.ofMinutes(3));

            sessions.then(r -> {
                WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                String id = emu.invocations().get(0).invocationId();
                r.assertLogContains("resuming the wait for " + id, b);
                r.assertLogContains("finished after the restart", b);
                r.assertLogContains("result=" + id, b);
                assertThat(emu.executed("InvokeCommand")).as("never invoked again").isEqualTo(1);
                assertThat(emu.invocations()).hasSize(1);
            });
        }
    }

    @Test
    void aWaitingTatRunResumesAfterARestartWithoutRunningTheScriptAgain() throws Throwable {
        AdjustableClock clock = AdjustableClock.at(Instant.now());
        try (TatEmulator emu = TatFixture.emulator(clock)) {
            emu.script(CVM_1, TaskScript.success().output("script finished after the restart\n").runningFor(Duration.ofMinutes(2)));

            sessions.then(r -> {
                TatFixture.configure(r, emu);
                WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("def id = tatRun credentialsId: '" + CREDENTIALS_ID
                        + "', region: '" + REGION + "', instanceIds: '" + CVM_1 + "', script: 'sleep 120',"
                        + " timeout: 600, waitForCompletion: true\necho \"result=${id}\"", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage("waiting for inv-", b);
                r.waitForMessage(" (1 task)", b);
                assertThat(emu.executed("RunCommand")).isEqualTo(1);
            });

            clock.advance(Duration.ofMinutes(3));

            sessions.then(r -> {
                WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                String id = emu.invocations().get(0).invocationId();
                r.assertLogContains("resuming the wait for " + id, b);
                r.assertLogContains("script finished after the restart", b);
                r.assertLogContains("result=" + id, b);
                assertThat(emu.executed("RunCommand")).as("never run again").isEqualTo(1);
                assertThat(emu.invocations()).hasSize(1);
            });
        }
    }

    @Test
    void aFleetWaitResumesForEveryBatchAfterARestartWithoutSendingAnyAgain() throws Throwable {
        AdjustableClock clock = AdjustableClock.at(Instant.now());
        List<String> fleet = IntStream.range(0, 250).mapToObj(i -> String.format("ins-r%07d", i)).toList();
        try (TatEmulator emu = TatFixture.emulator(clock)) {
            fleet.forEach(id -> emu.instance(EmulatedInstance.cvm(id)));
            emu.scriptDefault(TaskScript.success().output("fleet task done\n").runningFor(Duration.ofMinutes(2)));

            sessions.then(r -> {
                TatFixture.configure(r, emu);
                WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("def id = tatInvoke credentialsId: '" + CREDENTIALS_ID
                        + "', region: '" + REGION + "', commandId: '" + COMMAND + "', instanceIds: '" + String.join(" ", fleet)
                        + "', timeout: 600, waitForCompletion: true\necho \"result=${id}\"", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage("started 2 invocations", b);
                r.waitForMessage(" (50 tasks)", b); // the second batch's progress line
                assertThat(emu.executed("InvokeCommand")).isEqualTo(2);
            });

            clock.advance(Duration.ofMinutes(3));

            sessions.then(r -> {
                WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                String ids = emu.invocations().get(0).invocationId() + "," + emu.invocations().get(1).invocationId();
                r.assertLogContains("resuming the wait for " + ids, b);
                r.assertLogContains("result=" + ids, b);
                assertThat(emu.executed("InvokeCommand")).as("no batch sent again").isEqualTo(2);
                assertThat(b.getActions(TatInvocationAction.class)).hasSize(2)
                        .allSatisfy(a -> assertThat(a.getTasks()).isNotEmpty());
            });
        }
    }

    @Test
    void insideWithTencentCloudTheWaitTheEnvironmentAndTheMaskingSurviveARestart() throws Throwable {
        AdjustableClock clock = AdjustableClock.at(Instant.now());
        try (TatEmulator emu = TatFixture.emulator(clock)) {
            emu.script(CVM_1, TaskScript.success().output("finished after the restart\n").runningFor(Duration.ofMinutes(2)));

            sessions.then(r -> {
                TatFixture.configure(r, emu);
                WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("withTencentCloud(credentialsId: '" + CREDENTIALS_ID + "', region: '"
                        + REGION + "') {\n"
                        + "  def id = tatInvoke commandId: '" + COMMAND + "', instanceIds: '" + CVM_1
                        + "', timeout: 600, waitForCompletion: true\n"
                        + "  def tasks = tatWait invocationId: id\n"
                        + "  echo \"after the restart: ${tasks[0].status}, key=${env.TENCENTCLOUD_SECRET_KEY},"
                        + " region=${env.TENCENTCLOUD_REGION}\"\n"
                        + "}", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage(" (1 task)", b);
            });

            clock.advance(Duration.ofMinutes(3));

            sessions.then(r -> {
                WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                r.assertLogContains("resuming the wait for " + emu.invocations().get(0).invocationId(), b);
                // tatWait, run after the restart, found the block's key and region; the block's
                // variables and their masking came back with the Pipeline's state.
                r.assertLogContains("after the restart: SUCCESS, key=****, region=" + REGION, b);
                r.assertLogNotContains(TatFixture.SECRET_KEY, b);
                assertThat(emu.executed("InvokeCommand")).isEqualTo(1);
            });
        }
    }

    @Test
    void aWaitAsACamRoleResumesAsTheRoleAfterARestart() throws Throwable {
        AdjustableClock clock = AdjustableClock.at(Instant.now());
        try (TatEmulator emu = TatFixture.emulator(clock)) {
            emu.role(EmulatedRole.of(TatFixture.ROLE));
            emu.script(CVM_1, TaskScript.success().output("finished after the restart\n").runningFor(Duration.ofMinutes(2)));

            sessions.then(r -> {
                TatFixture.configure(r, emu);
                WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("withTencentCloud(credentialsId: '" + CREDENTIALS_ID + "', region: '"
                        + REGION + "', role: '" + TatFixture.ROLE + "') {\n"
                        + "  tatInvoke commandId: '" + COMMAND + "', instanceIds: '" + CVM_1 + "', timeout: 600, waitForCompletion: true\n"
                        + "}", true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage(" (1 task)", b);
            });
            int before = emu.requests().size();

            clock.advance(Duration.ofMinutes(3));

            sessions.then(r -> {
                WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getLastBuild();
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                r.assertLogContains("finished after the restart", b);
                List<RecordedRequest> after = emu.requests().subList(before, emu.requests().size());
                Set<String> keys = emu.issuedKeys().stream().map(IssuedKey::secretId).collect(Collectors.toSet());
                assertThat(after).filteredOn(q -> !"AssumeRole".equals(q.action())).isNotEmpty().allSatisfy(q -> {
                    assertThat(q.headers().get("authorization").replaceAll(".*Credential=([^/]+)/.*", "$1")).isIn(keys);
                    assertThat(q.errorCode()).isNull();
                });
            });
        }
    }
}
