package io.jenkins.plugins.tat.client.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Answers a broken or hostile server (or proxy) could send, produced as they are written so that
 * the emulator itself never holds them in memory: a body that trickles, one that never ends, and
 * one far larger than any TAT answer.
 */
final class HostileBodies {

    private static final int CHUNK = 64 * 1024;

    private HostileBodies() {}

    /** The real answer, one byte per {@code pace}, with its true Content-Length sent at once. */
    static HttpReply.Stream slow(String json, Duration pace, Duration delay) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        int[] next = {0};
        Supplier<byte[]> chunks = () -> next[0] < body.length ? new byte[] {body[next[0]++]} : null;
        return new HttpReply.Stream(200, "OK", "application/json", "", body.length, chunks, pace, delay);
    }

    /** {@code {"Response":{"Pad":"aaaa…} for ever, with no Content-Length. */
    static HttpReply.Stream endless(Duration delay) {
        byte[] head = "{\"Response\":{\"Pad\":\"".getBytes(StandardCharsets.US_ASCII);
        boolean[] started = {false};
        byte[] pad = filled(CHUNK);
        Supplier<byte[]> chunks = () -> {
            if (!started[0]) {
                started[0] = true;
                return head;
            }
            return pad;
        };
        return new HttpReply.Stream(200, "OK", "application/json", "", -1, chunks, Duration.ZERO, delay);
    }

    /**
     * A well-formed answer of {@code bytes} bytes, an empty page to any Describe:
     * {@code {"Response":{"Pad":"aaaa…","TotalCount":0,"RequestId":"…"}}}.
     *
     * @param declared whether to send its Content-Length (a client can then refuse it unread)
     */
    static HttpReply.Stream huge(long bytes, boolean declared, Duration delay) {
        byte[] head = "{\"Response\":{\"Pad\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\",\"TotalCount\":0,\"RequestId\":\"" + UUID.randomUUID() + "\"}}")
                .getBytes(StandardCharsets.US_ASCII);
        long padding = Math.max(0, bytes - head.length - tail.length);
        long[] left = {padding};
        int[] stage = {0};
        byte[] pad = filled(CHUNK);
        Supplier<byte[]> chunks = () -> {
            if (stage[0] == 0) {
                stage[0] = 1;
                return head;
            }
            if (stage[0] == 1) {
                if (left[0] > 0) {
                    int n = (int) Math.min(CHUNK, left[0]);
                    left[0] -= n;
                    return n == CHUNK ? pad : Arrays.copyOf(pad, n);
                }
                stage[0] = 2;
                return tail;
            }
            return null;
        };
        long length = head.length + padding + tail.length;
        return new HttpReply.Stream(200, "OK", "application/json", "", declared ? length : -1, chunks, Duration.ZERO,
                delay);
    }

    private static byte[] filled(int n) {
        byte[] pad = new byte[n];
        Arrays.fill(pad, (byte) 'a');
        return pad;
    }
}
