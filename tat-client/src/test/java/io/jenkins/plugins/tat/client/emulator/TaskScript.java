package io.jenkins.plugins.tat.client.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happens to an invocation task on one instance: how long it waits for delivery (PENDING),
 * how long it runs (RUNNING) and how it ends. Immutable; each chained call returns a changed copy.
 *
 * <p>The outcomes (docs/dev/protocol.md §4.4, TaskStatus):
 * <ul>
 *   <li>{@link #success()}: SUCCESS, ExitCode 0.</li>
 *   <li>{@link #failure(int)}: FAILED with the given non-zero ExitCode.</li>
 *   <li>{@link #timeout()}: the command never finishes by itself; the agent kills it when the
 *       invocation's Timeout has elapsed since it started, giving TIMEOUT. Any script whose
 *       {@link #runningFor} exceeds the Timeout ends the same way.</li>
 *   <li>{@link #startFailed(String)}: START_FAILED with the given ErrorInfo, right after
 *       delivery; it never runs.</li>
 * </ul>
 *
 * <p>Defaults: no pending time, no running time, empty output, Dropped 0, OutputUrl {@code ""}.
 * A task with the default script has therefore finished by the time InvokeCommand returns.
 */
public final class TaskScript {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_-]+)\\}\\}");

    /** How a scripted task ends. */
    public enum Outcome {
        /** Exit code 0. */
        SUCCESS,
        /** A non-zero exit code. */
        FAILED,
        /** Killed at the invocation's Timeout. */
        TIMEOUT,
        /** The agent could not start the command. */
        START_FAILED
    }

    private final Outcome outcome;
    private final int exitCode;
    private final String errorInfo;
    private final byte[] output;
    private final long dropped;
    private final String outputUrl;
    private final Duration pendingFor;
    private final Duration runningFor;

    private TaskScript(Outcome outcome, int exitCode, String errorInfo, byte[] output, long dropped,
            String outputUrl, Duration pendingFor, Duration runningFor) {
        this.outcome = outcome;
        this.exitCode = exitCode;
        this.errorInfo = errorInfo;
        this.output = output;
        this.dropped = dropped;
        this.outputUrl = outputUrl;
        this.pendingFor = pendingFor;
        this.runningFor = runningFor;
    }

    private static TaskScript of(Outcome outcome, int exitCode, String errorInfo) {
        return new TaskScript(outcome, exitCode, errorInfo, new byte[0], 0, "", Duration.ZERO, Duration.ZERO);
    }

    /** @return a task that exits with 0 */
    public static TaskScript success() {
        return of(Outcome.SUCCESS, 0, "");
    }

    /**
     * @param exitCode the non-zero exit code the command ends with
     * @return a task that ends FAILED
     */
    public static TaskScript failure(int exitCode) {
        if (exitCode == 0) {
            throw new IllegalArgumentException("a FAILED task has a non-zero exit code; use success()");
        }
        return of(Outcome.FAILED, exitCode, "");
    }

    /** @return a task that runs until the invocation's Timeout kills it */
    public static TaskScript timeout() {
        return of(Outcome.TIMEOUT, 0, "");
    }

    /**
     * @param errorInfo the ErrorInfo the agent reports, e.g. {@code UserNotExists: user `bob` not exists}
     * @return a task that ends START_FAILED without running
     */
    public static TaskScript startFailed(String errorInfo) {
        return of(Outcome.START_FAILED, 0, Objects.requireNonNull(errorInfo));
    }

    /**
     * @param text output the command prints, encoded as UTF-8
     * @return a copy with that output
     */
    public TaskScript output(String text) {
        return output(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes raw output bytes, which need not be valid UTF-8; the API returns them base64-encoded
     * @return a copy with that output
     */
    public TaskScript output(byte[] bytes) {
        return new TaskScript(outcome, exitCode, errorInfo, bytes.clone(), dropped, outputUrl, pendingFor, runningFor);
    }

    /**
     * @param bytes the TaskResult.Dropped count: bytes the agent cut from the output
     * @return a copy with that count
     */
    public TaskScript dropped(long bytes) {
        return new TaskScript(outcome, exitCode, errorInfo, output, bytes, outputUrl, pendingFor, runningFor);
    }

    /**
     * @param url the TaskResult.OutputUrl, the COS address of the full log
     * @return a copy with that URL
     */
    public TaskScript outputUrl(String url) {
        return new TaskScript(outcome, exitCode, errorInfo, output, dropped, Objects.requireNonNull(url), pendingFor, runningFor);
    }

    /**
     * @param duration how long the task waits for delivery after the invocation is created;
     *     time while the instance's agent is offline does not end the wait
     * @return a copy with that delay
     */
    public TaskScript pendingFor(Duration duration) {
        return new TaskScript(outcome, exitCode, errorInfo, output, dropped, outputUrl, nonNegative(duration), runningFor);
    }

    /**
     * @param duration how long the command runs before its outcome; capped by the invocation's Timeout
     * @return a copy with that running time
     */
    public TaskScript runningFor(Duration duration) {
        return new TaskScript(outcome, exitCode, errorInfo, output, dropped, outputUrl, pendingFor, nonNegative(duration));
    }

    /**
     * The script as it runs in one invocation: {@code {{name}}} in the output becomes the value the
     * invocation gives the parameter, as TAT puts the values into the command's content before it
     * runs it. Names without a value stay as they are.
     *
     * @param values the invocation's parameters, the command's defaults included
     * @return a copy with the values in its output, or this script when the output names none
     */
    TaskScript withParameters(Map<String, String> values) {
        String text = new String(output, StandardCharsets.UTF_8);
        if (values.isEmpty() || !text.contains("{{")) {
            return this;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return output(out.toString());
    }

    private static Duration nonNegative(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        return duration;
    }

    /** @return the scripted outcome */
    public Outcome outcome() {
        return outcome;
    }

    /** @return the exit code of a SUCCESS (0) or FAILED task */
    public int exitCode() {
        return exitCode;
    }

    /** @return the ErrorInfo of a START_FAILED task, otherwise {@code ""} */
    public String errorInfo() {
        return errorInfo;
    }

    /** @return a copy of the output bytes */
    public byte[] outputBytes() {
        return output.clone();
    }

    /** @return the Dropped count */
    public long dropped() {
        return dropped;
    }

    /** @return the OutputUrl */
    public String outputUrl() {
        return outputUrl;
    }

    /** @return the time spent PENDING while the agent is online */
    public Duration pendingFor() {
        return pendingFor;
    }

    /** @return the time spent RUNNING */
    public Duration runningFor() {
        return runningFor;
    }
}
