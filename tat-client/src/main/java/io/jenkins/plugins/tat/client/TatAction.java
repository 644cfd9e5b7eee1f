package io.jenkins.plugins.tat.client;

/**
 * The API actions this library calls, with what the retry policy must know about each: TAT's, and
 * STS's AssumeRole for temporary keys.
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
    CANCEL_INVOCATION("CancelInvocation", false),
    /**
     * STS (not TAT, see {@link StsClient}): issues a temporary key for a CAM role. Harmless to send
     * twice: a second call issues a second key, and the first expires unused.
     */
    ASSUME_ROLE("AssumeRole", true);

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
