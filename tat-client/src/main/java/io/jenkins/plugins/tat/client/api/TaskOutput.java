package io.jenkins.plugins.tat.client.api;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a command printed, as the bytes it printed: decoded from the base64 TAT sends once, when
 * the answer is read, and kept only in this form. The text is made from the bytes each time it is
 * asked for, so that a watch of many tasks holds each output once, at its size in bytes (a
 * {@link String} would take two bytes a character for output with any character beyond Latin-1).
 *
 * <p>Immutable: the bytes are never handed out, only copies.
 */
public final class TaskOutput implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No output. */
    public static final TaskOutput EMPTY = new TaskOutput(new byte[0]);

    private final byte[] bytes;

    private TaskOutput(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes the output's bytes; copied
     * @return the output
     */
    public static TaskOutput of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new TaskOutput(bytes.clone());
    }

    /**
     * @param text output given as text, e.g. in a test
     * @return the output, its bytes the text in UTF-8
     */
    public static TaskOutput of(String text) {
        return text.isEmpty() ? EMPTY : new TaskOutput(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes the array itself, which nobody else may then hold: for bytes just decoded. */
    public static TaskOutput adopt(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new TaskOutput(bytes);
    }

    /** @return how many bytes the command printed (as TAT kept them) */
    public int size() {
        return bytes.length;
    }

    /** @return whether there is no output */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** @return a copy of the bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The output as text. Commands may print bytes that are not UTF-8 (another encoding, binary
     * data, or a multi-byte character cut by truncation); such bytes become U+FFFD so that the
     * text can always be shown without breaking a log.
     *
     * @return the text, made anew on each call
     */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8); // replaces what is not UTF-8 with U+FFFD
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskOutput other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** @return the size only: output may be long, and is shown through {@link #text()} where meant */
    @Override
    public String toString() {
        return "TaskOutput[" + bytes.length + " bytes]";
    }
}
