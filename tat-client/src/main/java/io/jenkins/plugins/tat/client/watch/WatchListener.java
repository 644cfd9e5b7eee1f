package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.util.Map;

/**
 * Hears what an {@link InvocationWatcher} sees. Called from the poller's threads, one call at a
 * time for one wait, and never once the wait has ended (by its timeout, say): keep it short, it
 * holds up its wait meanwhile.
 */
public interface WatchListener {

    /**
     * A task reached a terminal status. Called once per task.
     *
     * @param report how it ended
     */
    default void taskFinished(TaskReport report) {}

    /**
     * The tasks' statuses changed since the last poll (not called when nothing changed).
     *
     * @param counts how many tasks are in each status now
     * @param total how many tasks the invocation has
     */
    default void progress(Map<TaskStatus, Integer> counts, int total) {}

    /** A listener that ignores everything. */
    WatchListener NONE = new WatchListener() {};
}
