package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.TatException;
import java.util.List;
import java.util.Map;

/**
 * The invocation did not finish within the wait timeout. Its tasks go on running on the
 * instances; the exception carries the reports of those that did finish and the status of the
 * others.
 */
public final class WaitTimeoutException extends TatException {

    private static final long serialVersionUID = 1L;

    /** @serial the tasks that finished before the timeout */
    private final WatchResult partial;
    /** @serial instance ID to status, for the tasks that had not finished */
    private final Map<String, String> unfinished;

    /**
     * @param message what happened and what to check
     * @param partial the tasks that finished
     * @param unfinished instance ID to the API's status, for the others
     */
    public WaitTimeoutException(String message, WatchResult partial, Map<String, String> unfinished) {
        super(message, null);
        this.partial = partial;
        this.unfinished = Map.copyOf(unfinished);
    }

    /** @return the tasks that finished before the timeout */
    public WatchResult partial() {
        return partial;
    }

    /** @return instance ID to the API's status value, for tasks that had not finished */
    public Map<String, String> unfinished() {
        return unfinished;
    }

    /** @return the instance IDs of the tasks that had not finished, sorted */
    public List<String> unfinishedInstances() {
        return unfinished.keySet().stream().sorted().toList();
    }
}
