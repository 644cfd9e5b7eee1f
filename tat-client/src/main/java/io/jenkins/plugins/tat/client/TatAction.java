package io.jenkins.plugins.tat.client;

/**
 * The TAT API actions this client calls, with what the retry policy must know about each.
 */
public enum TatAction {
    /** Runs a saved command. Has side effects: a second call runs the command again. */
    INVOKE_COMMAND("InvokeCommand", false),
    /** Reads invocations. */
    DESCRIBE_INVOCATIONS("DescribeInvocations", true),
    /** Reads invocation tasks, with their output. */
    DESCRIBE_INVOCATION_TASKS("DescribeInvocationTasks", true),
    /** Reads saved commands. */
    DESCRIBE_COMMANDS("DescribeCommands", true),
    /** Cancels an invocation's unfinished tasks. Has side effects. */
    CANCEL_INVOCATION("CancelInvocation", false);

    private final String apiName;
    private final boolean readOnly;

    TatAction(String apiName, boolean readOnly) {
        this.apiName = apiName;
        this.readOnly = readOnly;
    }

    /** @return the name sent as {@code X-TC-Action} */
    public String apiName() {
        return apiName;
    }

    /**
     * @return whether the action only reads, so that sending it twice is harmless; TAT's
     *     InvokeCommand has no ClientToken, so it is not idempotent (tat-api.md §3.1)
     */
    public boolean isReadOnly() {
        return readOnly;
    }
}
