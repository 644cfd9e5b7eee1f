package io.jenkins.plugins.tat.client.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What the server does with a connection after reading a request: either write a response, or
 * drop the connection without writing anything. Both may wait first, to let a client time out.
 */
sealed interface HttpReply {

    /** How long to wait before answering or dropping. */
    Duration delay();

    /** A response to write, followed by closing the connection ({@code Connection: close}). */
    record Respond(int status, String reason, String contentType, byte[] body, Duration delay, String extraHeaders)
            implements HttpReply {

        Respond(int status, String reason, String contentType, byte[] body, Duration delay) {
            this(status, reason, contentType, body, delay, "");
        }

        public Respond {
            body = body.clone();
            extraHeaders = extraHeaders == null ? "" : extraHeaders;
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        Respond after(Duration wait) {
            return new Respond(status, reason, contentType, body, wait, extraHeaders);
        }

        /** A copy with one more header line, e.g. {@code Location}. */
        Respond withHeader(String name, String value) {
            return new Respond(status, reason, contentType, body, delay, extraHeaders + name + ": " + value + "\r\n");
        }
    }

    /** Close the socket without writing a single byte of response. */
    record Drop(Duration delay) implements HttpReply {}

    /**
     * Headers, then a body produced chunk by chunk, without holding it in memory: for slow,
     * endless and huge answers.
     *
     * @param declaredLength the Content-Length sent, or -1 to send none (the body then ends when
     *     the connection closes)
     * @param chunks the body's chunks; {@code null} from it ends the body
     * @param pace the pause before each chunk
     */
    record Stream(int status, String reason, String contentType, String extraHeaders, long declaredLength,
            java.util.function.Supplier<byte[]> chunks, Duration pace, Duration delay) implements HttpReply {}

    static Respond json(String json) {
        return new Respond(200, "OK", "application/json", json.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    static Respond plain(int status, String reason, String contentType, String text) {
        return new Respond(status, reason, contentType, text.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }
}
