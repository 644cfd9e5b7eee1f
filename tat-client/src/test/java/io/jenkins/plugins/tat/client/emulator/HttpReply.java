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
    record Respond(int status, String reason, String contentType, byte[] body, Duration delay)
            implements HttpReply {

        public Respond {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        Respond after(Duration wait) {
            return new Respond(status, reason, contentType, body, wait);
        }
    }

    /** Close the socket without writing a single byte of response. */
    record Drop(Duration delay) implements HttpReply {}

    static Respond json(String json) {
        return new Respond(200, "OK", "application/json", json.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    static Respond plain(int status, String reason, String contentType, String text) {
        return new Respond(status, reason, contentType, text.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }
}
