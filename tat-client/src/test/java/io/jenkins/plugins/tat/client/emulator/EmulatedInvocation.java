package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A snapshot of an invocation as the emulator sees it at the moment of the call, for assertions
 * in tests.
 *
 * @param invocationId the InvocationId, {@code inv-...}
 * @param commandId the command that was invoked
 * @param region the region the invocation was created in
 * @param status the aggregate InvocationStatus
 * @param createdTime when InvokeCommand created it (emulator clock)
 * @param timeoutSeconds the effective Timeout
 * @param username the effective Username
 * @param workingDirectory the effective WorkingDirectory
 * @param parameters the Parameters as given (a JSON-encoded string), {@code "{}"} when omitted
 * @param tasks one task per instance, in the order the instances were given
 */
public record EmulatedInvocation(
        String invocationId,
        String commandId,
        String region,
        String status,
        Instant createdTime,
        long timeoutSeconds,
        String username,
        String workingDirectory,
        String parameters,
        List<EmulatedTask> tasks) {

    /** Copies {@code tasks}. */
    public EmulatedInvocation {
        tasks = List.copyOf(tasks);
    }

    /**
     * @param instanceId an instance of this invocation
     * @return its task
     * @throws NoSuchElementException if the invocation has no task on that instance
     */
    public EmulatedTask task(String instanceId) {
        return tasks.stream()
                .filter(t -> t.instanceId().equals(instanceId))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(invocationId + " has no task on " + instanceId));
    }
}
