package io.jenkins.plugins.tat.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into memory up to a limit. An answer that declares more, or sends more,
 * fails at once with {@link TooLargeException} and the rest is not read: a broken or hostile
 * server cannot exhaust the controller's heap, and the caller does not wait for it to finish.
 */
final class CappedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    private final long maxBytes;

    CappedBodyHandler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
        return new Subscriber(maxBytes, declared.isPresent() && declared.getAsLong() > maxBytes);
    }

    /** The answer is larger than the limit. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long maxBytes) {
            super("the answer is larger than " + (maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB"
                    : maxBytes + " bytes"));
        }
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final long maxBytes;
        private final boolean declaredTooLarge;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;

        Subscriber(long maxBytes, boolean declaredTooLarge) {
            this.maxBytes = maxBytes;
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body.copy(); // callers see the outcome, and cannot complete it themselves
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declaredTooLarge) {
                s.cancel();
                body.completeExceptionally(new TooLargeException(maxBytes));
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + (long) item.remaining() > maxBytes) {
                    Flow.Subscription s = subscription;
                    if (s != null) { // always set: the publisher calls onSubscribe before onNext
                        s.cancel();
                    }
                    body.completeExceptionally(new TooLargeException(maxBytes));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(buffer.toByteArray());
        }
    }
}
