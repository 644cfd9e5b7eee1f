package io.jenkins.plugins.tat.client.emulator;

import java.time.Instant;

/**
 * The stored part of one invocation task ({@code invt-...}): what was decided when the invocation
 * was created, plus a cancellation if one happened. Its status at any moment is computed by
 * {@link TaskLifecycle}.
 */
final class TaskRecord {

    final String taskId;
    final String instanceId;
    final Instant createdAt;
    final TaskScript script;
    private Instant cancelledAt;

    TaskRecord(String taskId, String instanceId, Instant createdAt, TaskScript script) {
        this.taskId = taskId;
        this.instanceId = instanceId;
        this.createdAt = createdAt;
        this.script = script;
    }

    /** Records a CancelInvocation at {@code at}; a task is cancelled once at most. */
    void cancel(Instant at) {
        if (cancelledAt == null) {
            cancelledAt = at;
        }
    }

    /** @return when CancelInvocation reached this task, or null */
    Instant cancelledAt() {
        return cancelledAt;
    }
}
