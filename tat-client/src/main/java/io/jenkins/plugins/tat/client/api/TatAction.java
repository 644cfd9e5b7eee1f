package io.jenkins.plugins.tat.client.api;

import io.jenkins.plugins.tat.client.StsClient;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;

/**
 * The API actions this library calls, with what the retry policy and the rate limiter must know
 * about each: TAT's, STS's AssumeRole for temporary keys, and the CVM, Lighthouse and Auto Scaling
 * listings that find a fleet by tag or scaling group.
 */
public enum TatAction {
    /** Runs a saved command. Has side effects: a second call runs the command again. */
    INVOKE_COMMAND("InvokeCommand", false, false),
    /** Runs a script, saving it as a command if asked. Has side effects, like InvokeCommand. */
    RUN_COMMAND("RunCommand", false, false),
    /** Reads invocations; what a wait sends over and over. */
    DESCRIBE_INVOCATIONS("DescribeInvocations", true, true),
    /** Reads invocation tasks, with their output; what a wait sends over and over. */
    DESCRIBE_INVOCATION_TASKS("DescribeInvocationTasks", true, true),
    /** Reads saved commands: once per "Check command" or pre-flight check, never in a loop. */
    DESCRIBE_COMMANDS("DescribeCommands", true, false),
    /** Reads whether the TAT agents of instances are online: once per pre-flight check. */
    DESCRIBE_AUTOMATION_AGENT_STATUS("DescribeAutomationAgentStatus", true, false),
    /** Cancels an invocation's unfinished tasks. Has side effects. */
    CANCEL_INVOCATION("CancelInvocation", false, false),
    /**
     * STS (not TAT, see {@link StsClient}): issues a temporary key for a CAM role. Harmless to send
     * twice: a second call issues a second key, and the first expires unused. Not polling: it is
     * made once per key, before a deployment or a wait can go on.
     */
    ASSUME_ROLE("AssumeRole", true, false),
    /**
     * TAT: lists managed ("register") instances, by tag among other filters; once per resolution
     * of targets, never in a loop (docs/dev/protocol.md §10).
     */
    DESCRIBE_REGISTER_INSTANCES("DescribeRegisterInstances", true, false),
    /** CVM (not TAT, service {@code cvm}): lists CVM instances, once per resolution of targets. */
    CVM_DESCRIBE_INSTANCES("DescribeInstances", true, false),
    /** Lighthouse (service {@code lighthouse}): lists Lighthouse instances, once per resolution of targets. */
    LIGHTHOUSE_DESCRIBE_INSTANCES("DescribeInstances", true, false),
    /** Auto Scaling (service {@code as}): lists the instances of scaling groups, once per resolution of targets. */
    DESCRIBE_AUTO_SCALING_INSTANCES("DescribeAutoScalingInstances", true, false);

    private final String apiName;
    private final boolean readOnly;
    private final boolean polling;

    TatAction(String apiName, boolean readOnly, boolean polling) {
        this.apiName = apiName;
        this.readOnly = readOnly;
        this.polling = polling;
    }

    /** @return the name sent as {@code X-TC-Action} */
    public String apiName() {
        return apiName;
    }

    /**
     * @return whether the action only reads, so that sending it twice is harmless; TAT's
     *     InvokeCommand and RunCommand have no ClientToken, so they are not idempotent (docs/dev/protocol.md §3.1)
     */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * @return whether waits send it over and over: it then counts against the polling share of
     *     the rate limit ({@link RequestRateLimiter#acquire(boolean)}) and gives way to the other
     *     requests. A check made once before a deployment (DescribeCommands,
     *     DescribeAutomationAgentStatus) is part of that deployment and does not poll, so a
     *     thousand waiting builds cannot hold it up.
     */
    public boolean isPolling() {
        return polling;
    }
}
