package io.jenkins.plugins.tat.client.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Computes a task's state at a given moment from its script, the invocation's Timeout and the
 * agent's online history. Nothing runs in the background: every read recomputes, so a test moves
 * a task along by moving the emulator clock.
 *
 * <p>The life cycle (TaskStatus values from docs/dev/protocol.md §4.4):
 * <ol>
 *   <li>PENDING from creation until {@code pendingFor} has passed <em>and</em> the agent is online.
 *       Delivery needs the agent, so an agent that went offline holds the task here.</li>
 *   <li>RUNNING for {@code runningFor}, unless that exceeds the Timeout.</li>
 *   <li>SUCCESS or FAILED with the scripted exit code and output; TIMEOUT at start + Timeout if
 *       the command runs longer than the Timeout (or is scripted never to finish); START_FAILED
 *       right at delivery, without running, for a {@link TaskScript#startFailed} script.</li>
 * </ol>
 * A running task is not affected by its agent going offline afterwards (the emulator's choice:
 * the process is already on the machine).
 *
 * <p>Cancellation (docs/dev/protocol.md §4.6): a task still PENDING when CancelInvocation arrives becomes
 * CANCELLED; a RUNNING one becomes TERMINATED; a finished one keeps its status.
 *
 * <p>Values the docs do not give, chosen here: ExitCode is 0 until a command has exited (PENDING,
 * RUNNING, CANCELLED, START_FAILED) and -1 for a command the agent killed (TIMEOUT, TERMINATED).
 * Output is reported only once the command ended by itself or timed out; a RUNNING or TERMINATED
 * task has empty output.
 */
final class TaskLifecycle {

    /** The exit code reported for a process the agent killed (TIMEOUT, TERMINATED); inferred. */
    static final long KILLED_EXIT_CODE = -1;

    private static final byte[] NO_OUTPUT = new byte[0];

    private TaskLifecycle() {}

    static TaskState stateAt(TaskRecord task, long timeoutSeconds, AgentTimeline agent, Instant now) {
        Instant cancelledAt = task.cancelledAt();
        if (cancelledAt != null) {
            TaskState atCancel = naturalStateAt(task, timeoutSeconds, agent, cancelledAt);
            if (!atCancel.isFinal()) {
                return cancelled(atCancel, cancelledAt);
            }
        }
        return naturalStateAt(task, timeoutSeconds, agent, now);
    }

    /** The state the task would have at {@code now} if nobody cancelled it. */
    private static TaskState naturalStateAt(TaskRecord task, long timeoutSeconds, AgentTimeline agent, Instant now) {
        TaskScript script = task.script;
        Optional<Instant> delivered = agent.firstOnlineAtOrAfter(task.createdAt.plus(script.pendingFor()));
        if (delivered.isEmpty() || now.isBefore(delivered.get())) {
            return pending(task);
        }
        Instant start = delivered.get();
        if (script.outcome() == TaskScript.Outcome.START_FAILED) {
            return new TaskState("START_FAILED", start, start, null, null, 0, NO_OUTPUT, 0, "",
                    script.errorInfo(), start);
        }

        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        boolean timesOut = script.outcome() == TaskScript.Outcome.TIMEOUT
                || script.runningFor().compareTo(timeout) > 0;
        Instant end = start.plus(timesOut ? timeout : script.runningFor());
        if (now.isBefore(end)) {
            return new TaskState("RUNNING", start, null, start, null, 0, NO_OUTPUT, 0, "", "", start);
        }
        String status = timesOut ? "TIMEOUT" : script.outcome().name();
        long exitCode = timesOut ? KILLED_EXIT_CODE : script.exitCode();
        return new TaskState(status, start, end, start, end, exitCode, script.outputBytes(),
                script.dropped(), script.outputUrl(), "", end);
    }

    private static TaskState pending(TaskRecord task) {
        return new TaskState("PENDING", null, null, null, null, 0, NO_OUTPUT, 0, "", "", task.createdAt);
    }

    private static TaskState cancelled(TaskState atCancel, Instant cancelledAt) {
        if ("RUNNING".equals(atCancel.status())) {
            return new TaskState("TERMINATED", atCancel.startTime(), cancelledAt, atCancel.execStartTime(),
                    cancelledAt, KILLED_EXIT_CODE, NO_OUTPUT, 0, "", "", cancelledAt);
        }
        return new TaskState("CANCELLED", null, cancelledAt, null, null, 0, NO_OUTPUT, 0, "", "", cancelledAt);
    }
}
