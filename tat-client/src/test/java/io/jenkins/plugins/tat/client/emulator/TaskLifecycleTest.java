package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tasks move PENDING, RUNNING, then their outcome on the emulator clock alone (docs/dev/protocol.md §4.4),
 * observed over HTTP. The clock starts at a whole second so reported times are exact.
 */
class TaskLifecycleTest extends EmulatorTestSupport {

    private Instant t0;

    @BeforeEach
    void startOnAWholeSecond() {
        t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        clock.set(t0);
    }

    private String status(String invocationId) throws Exception {
        return taskOf(invocationId).get("TaskStatus").asText();
    }

    private String invocationStatus(String invocationId) throws Exception {
        return invocationOf(invocationId).get("InvocationStatus").asText();
    }

    private static String output(JsonNode task) {
        return new String(Base64.getDecoder().decode(task.get("TaskResult").get("Output").asText()));
    }

    private String invokeWithTimeout(long timeoutSeconds) throws Exception {
        return call("InvokeCommand", "{\"CommandId\":\"" + COMMAND_ID + "\",\"InstanceIds\":[\"" + INSTANCE_1
                + "\"],\"Timeout\":" + timeoutSeconds + "}").get("InvocationId").asText();
    }

    @Test
    void movesFromPendingToRunningToSuccess() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().output("ok\n")
                .pendingFor(Duration.ofSeconds(1)).runningFor(Duration.ofSeconds(3)));
        String id = invoke(INSTANCE_1);

        JsonNode pending = taskOf(id);
        assertThat(pending.get("TaskStatus").asText()).isEqualTo("PENDING");
        assertThat(pending.get("StartTime").isNull()).isTrue();
        assertThat(pending.get("TaskResult").get("ExecStartTime").isNull()).isTrue();
        assertThat(invocationStatus(id)).isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(1));
        JsonNode running = taskOf(id);
        assertThat(running.get("TaskStatus").asText()).isEqualTo("RUNNING");
        assertThat(running.get("TaskResult").get("ExecStartTime").asText()).isEqualTo(iso(t0.plusSeconds(1)));
        assertThat(running.get("TaskResult").get("ExecEndTime").isNull()).isTrue();
        assertThat(output(running)).isEmpty();
        assertThat(invocationStatus(id)).isEqualTo("RUNNING");
        assertThat(invocationOf(id).get("EndTime").isNull()).isTrue();

        clock.advance(Duration.ofSeconds(3));
        JsonNode done = taskOf(id);
        assertThat(done.get("TaskStatus").asText()).isEqualTo("SUCCESS");
        assertThat(done.get("TaskResult").get("ExitCode").asLong()).isZero();
        assertThat(done.get("TaskResult").get("ExecEndTime").asText()).isEqualTo(iso(t0.plusSeconds(4)));
        assertThat(done.get("EndTime").asText()).isEqualTo(iso(t0.plusSeconds(4)));
        assertThat(output(done)).isEqualTo("ok\n");
        assertThat(invocationStatus(id)).isEqualTo("SUCCESS");
        assertThat(invocationOf(id).get("EndTime").asText()).isEqualTo(iso(t0.plusSeconds(4)));
    }

    @Test
    void stillRunningJustBeforeTheScriptedEnd() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().runningFor(Duration.ofMillis(300)));
        String id = invoke(INSTANCE_1);

        clock.advance(Duration.ofMillis(299));
        assertThat(status(id)).isEqualTo("RUNNING");
        clock.advance(Duration.ofMillis(1));
        assertThat(status(id)).isEqualTo("SUCCESS");
    }

    @Test
    void failureReportsItsExitCodeAndOutput() throws Exception {
        emu.script(INSTANCE_1, TaskScript.failure(2).output("boom\n").runningFor(Duration.ofSeconds(1)));
        String id = invoke(INSTANCE_1);

        clock.advance(Duration.ofSeconds(1));

        JsonNode task = taskOf(id);
        assertThat(task.get("TaskStatus").asText()).isEqualTo("FAILED");
        assertThat(task.get("TaskResult").get("ExitCode").asLong()).isEqualTo(2);
        assertThat(output(task)).isEqualTo("boom\n");
        assertThat(invocationStatus(id)).isEqualTo("FAILED");
    }

    @Test
    void scriptedTimeoutEndsAtTheInvocationTimeout() throws Exception {
        emu.script(INSTANCE_1, TaskScript.timeout().output("partial"));
        String id = invokeWithTimeout(10);

        clock.advance(Duration.ofMillis(9_999));
        assertThat(status(id)).isEqualTo("RUNNING");
        clock.advance(Duration.ofMillis(1));

        JsonNode task = taskOf(id);
        assertThat(task.get("TaskStatus").asText()).isEqualTo("TIMEOUT");
        assertThat(task.get("TaskResult").get("ExitCode").asLong()).isEqualTo(TaskLifecycle.KILLED_EXIT_CODE);
        assertThat(task.get("TaskResult").get("ExecEndTime").asText()).isEqualTo(iso(t0.plusSeconds(10)));
        assertThat(invocationStatus(id)).isEqualTo("TIMEOUT");
    }

    @Test
    void runningLongerThanTheTimeoutTimesOut() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().runningFor(Duration.ofSeconds(20)));
        String id = invokeWithTimeout(10);

        clock.advance(Duration.ofSeconds(10));

        assertThat(status(id)).isEqualTo("TIMEOUT");
        assertThat(emu.invocation(id).task(INSTANCE_1).endTime()).isEqualTo(t0.plusSeconds(10));
    }

    @Test
    void runningExactlyTheTimeoutSucceeds() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().runningFor(Duration.ofSeconds(10)));
        String id = invokeWithTimeout(10);

        clock.advance(Duration.ofSeconds(10));

        assertThat(status(id)).isEqualTo("SUCCESS");
    }

    @Test
    void startFailureReportsErrorInfoAndNeverRuns() throws Exception {
        emu.script(INSTANCE_1, TaskScript.startFailed("UserNotExists: user `bob` not exists")
                .pendingFor(Duration.ofSeconds(1)).runningFor(Duration.ofSeconds(5)));
        String id = invoke(INSTANCE_1);
        assertThat(status(id)).isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(1));

        JsonNode task = taskOf(id);
        assertThat(task.get("TaskStatus").asText()).isEqualTo("START_FAILED");
        assertThat(task.get("ErrorInfo").asText()).isEqualTo("UserNotExists: user `bob` not exists");
        assertThat(task.get("TaskResult").get("ExecStartTime").isNull()).isTrue();
        assertThat(invocationStatus(id)).isEqualTo("FAILED");
    }

    @Test
    void offlineAgentHoldsTaskPendingUntilItIsBack() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().pendingFor(Duration.ofSeconds(1)).runningFor(Duration.ofSeconds(2)));
        String id = invoke(INSTANCE_1);
        clock.advance(Duration.ofMillis(500));
        emu.setAgentOnline(INSTANCE_1, false);

        clock.advance(Duration.ofSeconds(30));
        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(invocationStatus(id)).isEqualTo("PENDING");

        emu.setAgentOnline(INSTANCE_1, true);
        assertThat(status(id)).isEqualTo("RUNNING");
        assertThat(emu.invocation(id).task(INSTANCE_1).startTime()).isEqualTo(clock.instant());
        clock.advance(Duration.ofSeconds(2));
        assertThat(status(id)).isEqualTo("SUCCESS");
    }

    @Test
    void agentOfflineAndBackBeforeDeliveryDoesNotDelayIt() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().pendingFor(Duration.ofSeconds(5)).runningFor(Duration.ofSeconds(5)));
        String id = invoke(INSTANCE_1);
        clock.advance(Duration.ofSeconds(1));
        emu.setAgentOnline(INSTANCE_1, false);
        clock.advance(Duration.ofSeconds(1));
        emu.setAgentOnline(INSTANCE_1, true);

        clock.advance(Duration.ofSeconds(3));

        assertThat(status(id)).isEqualTo("RUNNING");
    }

    @Test
    void agentGoingOfflineDoesNotStopARunningTask() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().runningFor(Duration.ofSeconds(5)));
        String id = invoke(INSTANCE_1);
        clock.advance(Duration.ofSeconds(1));
        emu.setAgentOnline(INSTANCE_1, false);

        clock.advance(Duration.ofSeconds(4));

        assertThat(status(id)).isEqualTo("SUCCESS");
    }

    @Test
    void oneFailureAmongSuccessesIsPartialFailed() throws Exception {
        emu.script(INSTANCE_2, TaskScript.failure(1));

        String id = invoke(INSTANCE_1, INSTANCE_2);

        assertThat(invocationStatus(id)).isEqualTo("PARTIAL_FAILED");
        assertThat(emu.invocation(id).status()).isEqualTo("PARTIAL_FAILED");
    }

    @Test
    void defaultScriptFinishesAtOnceWithNoOutput() throws Exception {
        JsonNode task = taskOf(invoke(INSTANCE_1));

        assertThat(task.get("TaskStatus").asText()).isEqualTo("SUCCESS");
        assertThat(output(task)).isEmpty();
    }

    @Test
    void scriptAppliesToTasksCreatedAfterItIsSet() throws Exception {
        String before = invoke(INSTANCE_1);
        emu.script(INSTANCE_1, TaskScript.failure(7));
        String after = invoke(INSTANCE_1);

        assertThat(status(before)).isEqualTo("SUCCESS");
        assertThat(status(after)).isEqualTo("FAILED");
    }

    @Test
    void aCommandsOwnScriptComesBeforeTheInstancesScript() throws Exception {
        emu.command(EmulatedCommand.builder("cmd-other001").content("./other.sh").build());
        emu.script(INSTANCE_1, TaskScript.success().output("instance\n"));
        emu.script("cmd-other001", INSTANCE_1, TaskScript.failure(4).output("other\n"));

        JsonNode other = taskOf(call("InvokeCommand", "{\"CommandId\":\"cmd-other001\",\"InstanceIds\":[\""
                + INSTANCE_1 + "\"]}").get("InvocationId").asText());
        JsonNode usual = taskOf(invoke(INSTANCE_1));

        assertThat(other.get("TaskStatus").asText()).isEqualTo("FAILED");
        assertThat(output(other)).isEqualTo("other\n");
        assertThat(usual.get("TaskStatus").asText()).isEqualTo("SUCCESS");
        assertThat(output(usual)).isEqualTo("instance\n");
    }

    @Test
    void parameterValuesReachTheOutputAsTheyReachTheCommandsContent() throws Exception {
        emu.command(EmulatedCommand.builder("cmd-param001").content("echo {{version}} {{env}}").enableParameter(true)
                .defaultParameter("version", "1.0").defaultParameter("env", "prod").build());
        emu.script(INSTANCE_1, TaskScript.success().output("release {{version}} to {{env}}, {{unknown}} kept\n"));

        JsonNode given = taskOf(call("InvokeCommand", "{\"CommandId\":\"cmd-param001\",\"InstanceIds\":[\""
                + INSTANCE_1 + "\"],\"Parameters\":\"{\\\"version\\\":\\\"2.5\\\"}\"}").get("InvocationId").asText());
        JsonNode defaults = taskOf(call("InvokeCommand", "{\"CommandId\":\"cmd-param001\",\"InstanceIds\":[\""
                + INSTANCE_1 + "\"]}").get("InvocationId").asText());

        assertThat(output(given)).isEqualTo("release 2.5 to prod, {{unknown}} kept\n");
        assertThat(output(defaults)).isEqualTo("release 1.0 to prod, {{unknown}} kept\n");
    }

    private static String iso(Instant instant) {
        return instant.toString().replace("Z", "+00:00");
    }
}
