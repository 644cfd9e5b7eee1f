package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.EmulatedInvocation;
import io.jenkins.plugins.tat.client.emulator.EmulatedTask;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Fleets of more instances than one call takes (200): sent in batches, each once, waited for
 * together, on the build page and in {@code TAT_INVOCATION_IDS}; against the TAT emulator.
 */
@WithJenkins
class TatFleetTest {

    /** 450 CVM instances: three batches of 200, 200 and 50. */
    static final List<String> FLEET = IntStream.range(0, 450).mapToObj(i -> String.format("ins-f%07d", i)).toList();

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

    private void register(List<String> ids) {
        ids.forEach(id -> tat.emu.instance(EmulatedInstance.cvm(id)));
    }

    /** The fleet as one line per instance: a Groovy list literal may hold at most 250 elements. */
    private static String fleetLiteral() {
        return "'''" + String.join("\n", FLEET) + "'''";
    }

    private static String invoke(String extra) {
        return "tatInvoke(credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', commandId: '" + COMMAND
                + "', instanceIds: fleet" + extra + ")";
    }

    /** The InvocationIds the emulator created, in the order it created them. */
    private List<String> created() {
        return tat.emu.invocations().stream().map(EmulatedInvocation::invocationId).toList();
    }

    @Test
    void aFleetOf450IsSentInThreeBatchesEachInstanceOnceAndWaitedForTogether() throws Exception {
        register(FLEET);
        WorkflowJob p = TatFixture.pipeline(r, "def fleet = " + fleetLiteral() + "\n"
                + "def ids = " + invoke(", waitForCompletion: true") + "\n"
                + "echo \"returned=${ids}\"\n"
                + "echo \"all=${env.TAT_INVOCATION_IDS}\"\n"
                + "echo \"last=${env.TAT_INVOCATION_ID}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        List<RecordedRequest> invokes = tat.emu.requests().stream().filter(q -> q.action().equals("InvokeCommand")).toList();
        assertThat(invokes).hasSize(3);
        List<String> ids = created();
        assertThat(ids).hasSize(3);
        List<String> targeted = new ArrayList<>();
        for (String id : ids) {
            targeted.addAll(tat.emu.invocation(id).tasks().stream().map(EmulatedTask::instanceId).toList());
        }
        assertThat(targeted).as("every instance once, in the order given").isEqualTo(FLEET);
        assertThat(tat.emu.invocation(ids.get(2)).tasks()).hasSize(50);

        String joined = String.join(",", ids);
        r.assertLogContains("returned=" + joined, b);
        r.assertLogContains("all=" + joined, b);
        r.assertLogContains("last=" + ids.get(2), b);
        r.assertLogContains("sent as 3 invocations", b);
        r.assertLogContains("batch 2 of 3: started invocation " + ids.get(1) + " on 200 instance(s)", b);
        r.assertLogContains(ids.get(0) + ": 200 succeeded (200 tasks)", b);
        r.assertLogContains(ids.get(2) + ": 50 succeeded (50 tasks)", b);
        for (String id : List.of(FLEET.get(0), FLEET.get(222), FLEET.get(449))) {
            r.assertLogContains(id, b);
        }

        List<TatInvocationAction> actions = b.getActions(TatInvocationAction.class);
        assertThat(actions).extracting(TatInvocationAction::getInvocationId).isEqualTo(ids);
        assertThat(actions).extracting(TatInvocationAction::getBatchNumber).containsExactly(1, 2, 3);
        assertThat(actions).extracting(TatInvocationAction::getBatchCount).containsExactly(3, 3, 3);
        assertThat(actions).allSatisfy(a -> assertThat(a.getTasks()).isNotEmpty());
        assertThat(actions.get(2).getTasks()).hasSize(50);
    }

    @Test
    void tatWaitTakesWhatTatInvokeReturnedForAFleetAndReturnsEveryTask() throws Exception {
        register(FLEET);
        WorkflowJob p = TatFixture.pipeline(r, "def fleet = " + fleetLiteral() + "\n"
                + "def ids = " + invoke("") + "\n"
                + "def tasks = tatWait(credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', invocationId: ids)\n"
                + "echo \"tasks=${tasks.size()} invocations=${tasks.collect { it.invocationId }.unique().size()}\"\n"
                + "echo \"first=${tasks.find { it.instanceId == '" + FLEET.get(0) + "' }.invocationId}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("tasks=450 invocations=3", b);
        r.assertLogContains("first=" + created().get(0), b);
    }

    @Test
    void aBatchThatFailsStopsTheSendingAndTheLogSaysWhatRunsAndWhatWasNot() throws Exception {
        // Instance 250 is unknown to TAT, so the second batch (200 to 399) is refused.
        List<String> known = new ArrayList<>(FLEET);
        known.remove(250);
        register(known);
        WorkflowJob p = TatFixture.pipeline(r, "def fleet = " + fleetLiteral() + "\n" + invoke(", waitForCompletion: true"));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertThat(tat.emu.received("InvokeCommand")).as("the third batch is never sent").isEqualTo(2);
        List<String> ids = created();
        assertThat(ids).hasSize(1);
        r.assertLogContains("batch 2 of 3 failed", b);
        r.assertLogContains("ResourceNotFound.InstanceNotFound", b);
        r.assertLogContains("Sent before it, and running: batch 1 " + ids.get(0) + " (200 instances).", b);
        r.assertLogContains("Not sent: batch 3 (50 instances, ins-f0000400 to ins-f0000449).", b);
        assertThat(b.getActions(TatInvocationAction.class)).extracting(TatInvocationAction::getInvocationId)
                .containsExactly(ids.get(0));
    }

    @Test
    void aRepeatedInstanceAnywhereInTheFleetFailsBeforeAnythingIsSent() throws Exception {
        register(FLEET);
        WorkflowJob p = TatFixture.pipeline(r, "def fleet = " + fleetLiteral() + " + '\\n" + FLEET.get(3) + "'\n"
                + invoke(""));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("InstanceIds[450]", b);
        r.assertLogContains("listed more than once", b);
        assertThat(tat.requestsReceived()).isZero();
    }

    @Test
    void theFreestyleStepSendsAFleetInBatchesAndSetsTheVariables() throws Exception {
        register(FLEET);
        FreeStyleProject project = r.createFreeStyleProject();
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, String.join("\n", FLEET));
        builder.setWaitForCompletion(true);
        project.getBuildersList().add(builder);

        FreeStyleBuild b = r.buildAndAssertSuccess(project);

        List<String> ids = created();
        assertThat(ids).hasSize(3);
        assertThat(b.getEnvironment(r.createTaskListener()).get(TatInvocationAction.IDS_ENV_VAR))
                .isEqualTo(String.join(",", ids));
        assertThat(b.getEnvironment(r.createTaskListener()).get(TatInvocationAction.ENV_VAR)).isEqualTo(ids.get(2));
        assertThat(b.getActions(TatInvocationAction.class)).allSatisfy(a -> assertThat(a.getTasks()).isNotEmpty());
    }

    @Test
    void aLaterInvocationOfOneBatchReplacesTheFleetInTheVariable() throws Exception {
        register(FLEET);
        WorkflowJob p = TatFixture.pipeline(r, "def fleet = " + fleetLiteral() + "\n"
                + invoke("") + "\n"
                + "def single = tatInvoke(credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "', commandId: '"
                + COMMAND + "', instanceIds: ['" + TatFixture.CVM_1 + "'])\n"
                + "echo \"all=${env.TAT_INVOCATION_IDS} single=${single}\"\n");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String single = created().get(3);
        r.assertLogContains("all=" + single + " single=" + single, b);
    }
}
