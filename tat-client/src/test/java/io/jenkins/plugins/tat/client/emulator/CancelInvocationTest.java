package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CancelInvocation: its effect on each task state and its errors (docs/dev/protocol.md §4.6). */
class CancelInvocationTest extends EmulatorTestSupport {

    private void cancel(String invocationId) throws Exception {
        call("CancelInvocation", "{\"InvocationId\":\"" + invocationId + "\"}");
    }

    @Test
    void pendingTasksBecomeCancelled() throws Exception {
        emu.scriptDefault(TaskScript.success().pendingFor(Duration.ofSeconds(10)));
        String id = invoke(INSTANCE_1, INSTANCE_2);

        cancel(id);
        clock.advance(Duration.ofSeconds(30)); // past the scripted delivery: cancellation sticks

        assertThat(emu.invocation(id).tasks()).extracting(EmulatedTask::status).containsOnly("CANCELLED");
        assertThat(emu.invocation(id).status()).isEqualTo("CANCELLED");
        assertThat(taskOf(id).get("TaskStatus").asText()).isEqualTo("CANCELLED");
        assertThat(emu.executed("CancelInvocation")).isEqualTo(1);
    }

    @Test
    void runningTasksBecomeTerminated() throws Exception {
        emu.script(INSTANCE_1, TaskScript.success().runningFor(Duration.ofSeconds(10)));
        String id = invoke(INSTANCE_1);
        clock.advance(Duration.ofSeconds(2));

        cancel(id);
        clock.advance(Duration.ofSeconds(30));

        EmulatedTask task = emu.invocation(id).task(INSTANCE_1);
        assertThat(task.status()).isEqualTo("TERMINATED");
        assertThat(task.endTime()).isEqualTo(clock.instant().minusSeconds(30));
        assertThat(invocationOf(id).get("InvocationStatus").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void finishedTasksAreLeftAlone() throws Exception {
        emu.script(INSTANCE_2, TaskScript.success().pendingFor(Duration.ofSeconds(10)));
        String id = invoke(INSTANCE_1, INSTANCE_2);

        cancel(id);

        EmulatedInvocation invocation = emu.invocation(id);
        assertThat(invocation.task(INSTANCE_1).status()).isEqualTo("SUCCESS");
        assertThat(invocation.task(INSTANCE_2).status()).isEqualTo("CANCELLED");
        assertThat(invocation.status()).isEqualTo("PARTIAL_CANCELLED");
    }

    @Test
    void cancelsOnlyTheNamedInstances() throws Exception {
        emu.scriptDefault(TaskScript.success().pendingFor(Duration.ofSeconds(10)));
        String id = invoke(INSTANCE_1, INSTANCE_2);

        call("CancelInvocation", "{\"InvocationId\":\"" + id + "\",\"InstanceIds\":[\"" + INSTANCE_2 + "\"]}");

        assertThat(emu.invocation(id).task(INSTANCE_1).status()).isEqualTo("PENDING");
        assertThat(emu.invocation(id).task(INSTANCE_2).status()).isEqualTo("CANCELLED");
        assertThat(emu.invocation(id).status()).isEqualTo("RUNNING");
    }

    @Test
    void rejectsBadRequests() throws Exception {
        String id = invoke(INSTANCE_1);
        String tooMany = IntStream.range(0, 101).mapToObj(i -> String.format("\"ins-%08d\"", i))
                .collect(Collectors.joining(",", "[", "]"));

        assertThat(errorCode("CancelInvocation", "{}")).isEqualTo("MissingParameter");
        assertThat(errorCode("CancelInvocation", json("{'InvocationId':'inv'}")))
                .isEqualTo("InvalidParameterValue.InvalidInvocationId");
        assertThat(errorCode("CancelInvocation", json("{'InvocationId':'inv-zzzzzzzz'}")))
                .isEqualTo("ResourceNotFound.InvocationNotFound");
        assertThat(errorCode("CancelInvocation", "{\"InvocationId\":\"" + id + "\",\"InstanceIds\":[\"ins-aaaa0002\"]}"))
                .isEqualTo("InvalidParameterValue.InstanceIsNotRelatedToInvocation");
        assertThat(errorCode("CancelInvocation", "{\"InvocationId\":\"" + id + "\",\"InstanceIds\":[\"bad\"]}"))
                .isEqualTo("InvalidParameterValue.InvalidInstanceId");
        assertThat(errorCode("CancelInvocation", "{\"InvocationId\":\"" + id + "\",\"InstanceIds\":" + tooMany + "}"))
                .isEqualTo("InvalidParameterValue.LimitExceeded");
        assertThat(emu.executed("CancelInvocation")).isZero();
    }

    @Test
    void invocationOfAnotherRegionIsNotFound() throws Exception {
        String id = invoke(INSTANCE_1);

        assertThat(errorCode(sdk(new com.tencentcloudapi.common.Credential(SECRET_ID, SECRET_KEY), "ap-shanghai"),
                "CancelInvocation", "{\"InvocationId\":\"" + id + "\"}")).isEqualTo("ResourceNotFound.InvocationNotFound");
    }
}
