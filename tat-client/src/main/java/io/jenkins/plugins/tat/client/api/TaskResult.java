package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.jenkins.plugins.tat.client.http.AnswerReader;
import io.jenkins.plugins.tat.client.http.ApiJson;
import java.time.Instant;

/**
 * What a task produced (docs/dev/protocol.md §4.4, {@code TaskResult}).
 *
 * @param exitCode the exit code, or {@code null} before the command ended
 * @param output the output, decoded from the base64 the API sends (and with the client's secrets
 *     taken out); {@link TaskOutput#EMPTY} when hidden or empty. The API keeps at most about 24 KB
 *     of it (the docs do not say whether head or tail)
 * @param dropped how many bytes of output were cut off
 * @param outputUrl the COS URL of the full output, when COS output was configured, else {@code ""}
 * @param outputUploadCosErrorInfo why uploading the output to COS failed, else {@code ""}
 * @param execStartTime when the command started, or {@code null}
 * @param execEndTime when it ended, or {@code null}
 */
public record TaskResult(
        Long exitCode,
        TaskOutput output,
        long dropped,
        String outputUrl,
        String outputUploadCosErrorInfo,
        Instant execStartTime,
        Instant execEndTime) {

    /** A result with nothing in it, for tasks the API returns without one. */
    public static final TaskResult EMPTY = new TaskResult(null, TaskOutput.EMPTY, 0, "", "", null, null);

    /**
     * The output's bytes. Output that is not valid base64 (which the API should never send) is
     * its own text, in UTF-8, rather than lost.
     *
     * @return a copy of the decoded output
     */
    public byte[] outputBytes() {
        return output.bytes();
    }

    /**
     * The output as text; see {@link TaskOutput#text()}.
     *
     * @return the decoded output
     */
    public String outputText() {
        return output.text();
    }

    static TaskResult fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return EMPTY;
        }
        Long dropped = ApiJson.number(node, "Dropped");
        return new TaskResult(
                ApiJson.number(node, "ExitCode"),
                output(node.get("Output")),
                dropped == null ? 0 : dropped,
                ApiJson.shortTextOrEmpty(node, "OutputUrl"),
                ApiJson.shortTextOrEmpty(node, "OutputUploadCOSErrorInfo"),
                ApiJson.time(node, "ExecStartTime"),
                ApiJson.time(node, "ExecEndTime"));
    }

    /** The answer reader decoded {@code Output} as it read it (see {@link AnswerReader}). */
    private static TaskOutput output(JsonNode node) {
        return node instanceof POJONode pojo && pojo.getPojo() instanceof TaskOutput decoded ? decoded : TaskOutput.EMPTY;
    }
}
