package io.jenkins.plugins.tat.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * What a task produced (tat-api.md §4.4, {@code TaskResult}).
 *
 * @param exitCode the exit code, or {@code null} before the command ended
 * @param output the output, base64-encoded as the API sends it; {@code ""} when hidden or empty.
 *     The API keeps at most about 24 KB of it (the docs do not say whether head or tail)
 * @param dropped how many bytes of output were cut off
 * @param outputUrl the COS URL of the full output, when COS output was configured, else {@code ""}
 * @param outputUploadCosErrorInfo why uploading the output to COS failed, else {@code ""}
 * @param execStartTime when the command started, or {@code null}
 * @param execEndTime when it ended, or {@code null}
 */
public record TaskResult(
        Long exitCode,
        String output,
        long dropped,
        String outputUrl,
        String outputUploadCosErrorInfo,
        Instant execStartTime,
        Instant execEndTime) {

    /** A result with nothing in it, for tasks the API returns without one. */
    public static final TaskResult EMPTY = new TaskResult(null, "", 0, "", "", null, null);

    /**
     * The output's bytes. Output that is not valid base64 (which the API should never send) is
     * returned as its own text rather than lost.
     *
     * @return the decoded output
     */
    public byte[] outputBytes() {
        if (output == null || output.isEmpty()) {
            return new byte[0];
        }
        try {
            return Base64.getMimeDecoder().decode(output);
        } catch (IllegalArgumentException e) {
            return output.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The output as text. Commands may print bytes that are not UTF-8 (another encoding, binary
     * data, or a multi-byte character cut by truncation); such bytes become U+FFFD so that the
     * text can always be shown without breaking a log.
     *
     * @return the decoded output
     */
    public String outputText() {
        byte[] bytes = outputBytes();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    private static String rawOrEmpty(JsonNode node, String field) {
        String value = ApiJson.rawText(node, field);
        return value == null ? "" : value;
    }

    static TaskResult fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return EMPTY;
        }
        Long dropped = ApiJson.number(node, "Dropped");
        return new TaskResult(
                ApiJson.number(node, "ExitCode"),
                rawOrEmpty(node, "Output"), // base64: decoded, and shown as the command printed it
                dropped == null ? 0 : dropped,
                ApiJson.shortTextOrEmpty(node, "OutputUrl"),
                ApiJson.shortTextOrEmpty(node, "OutputUploadCOSErrorInfo"),
                ApiJson.time(node, "ExecStartTime"),
                ApiJson.time(node, "ExecEndTime"));
    }
}
