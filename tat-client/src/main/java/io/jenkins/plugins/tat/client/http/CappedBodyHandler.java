package io.jenkins.plugins.tat.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands a response body to its reader as a stream while it arrives, so that an answer is parsed as
 * it comes in and never held whole as bytes (a page of 100 tasks' output is about 3.3 MB). The
 * stream keeps the guarantees of the call:
 *
 * <ul>
 *   <li><b>A limit.</b> An answer that declares more than the limit, or sends more, fails the read
 *       with {@link TooLargeException} and the rest is not read: a broken or hostile server cannot
 *       exhaust the controller's heap.</li>
 *   <li><b>A deadline.</b> {@code HttpRequest.timeout} ends only the wait for the headers; a read
 *       that would wait for the body past the attempt's deadline fails with
 *       {@link BodyTimeoutException}, so a server that trickles its body cannot hold a call.</li>
 *   <li><b>Little in memory.</b> The stream asks the connection for a few buffers at a time and
 *       for more only as they are read.</li>
 * </ul>
 *
 * <p>The reader is the thread that sent the request: the HTTP client's threads only queue what
 * arrives, which costs them no more than copying the body did, and the reader parses it.
 * {@link Body#close()} ends the exchange, cancelling it if the body was not read to its end.
 */
public final class CappedBodyHandler implements HttpResponse.BodyHandler<CappedBodyHandler.Body> {

    /** Lists of buffers asked for ahead of the reader (the JDK reads 16 KB at a time). */
    private static final int PREFETCH = 4;

    private final long maxBytes;
    private final long deadlineNanos;

    /**
     * @param maxBytes the largest body read
     * @param deadlineNanos when, on {@link System#nanoTime()}'s clock, the whole body must have come
     */
    public CappedBodyHandler(long maxBytes, long deadlineNanos) {
        this.maxBytes = maxBytes;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public HttpResponse.BodySubscriber<Body> apply(HttpResponse.ResponseInfo info) {
        OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
        return new Body(maxBytes, deadlineNanos, declared.isPresent() && declared.getAsLong() > maxBytes);
    }

    /** The answer is larger than the limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long maxBytes) {
            super("the answer is larger than " + (maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB"
                    : maxBytes + " bytes"));
        }
    }

    /** The body had not all come by the deadline. */
    public static final class BodyTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTimeoutException() {
            super("the answer's body did not come in time");
        }
    }

    /**
     * The body as a stream, fed by the HTTP client. Read it from one thread; the client's threads
     * only call the subscriber methods. Demand is counted in the client's lists of buffers: one
     * more is asked for whenever the reader takes the last buffer of one.
     */
    public static final class Body extends InputStream implements HttpResponse.BodySubscriber<Body> {
        private final long maxBytes;
        private final long deadlineNanos;
        private final boolean declaredTooLarge;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        /** Guarded by lock: buffers not yet read, whether the body ended and how, bytes received. */
        private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
        private boolean complete;
        private IOException failure;
        private long received;
        private volatile Flow.Subscription subscription;
        /** The buffer being read; only the reader touches it. */
        private ByteBuffer current;
        private volatile boolean closed;

        Body(long maxBytes, long deadlineNanos, boolean declaredTooLarge) {
            this.maxBytes = maxBytes;
            this.deadlineNanos = deadlineNanos;
            this.declaredTooLarge = declaredTooLarge;
        }

        /** A buffer as the client delivered it, and whether it ends its list. */
        private record Chunk(ByteBuffer buffer, boolean endsList) {}

        @Override
        public CompletionStage<Body> getBody() {
            return CompletableFuture.completedFuture(this); // the response is ready with its headers
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            boolean unwanted;
            lock.lock();
            try {
                if (declaredTooLarge && failure == null) {
                    failure = new TooLargeException(maxBytes);
                    arrived.signalAll();
                }
                unwanted = failure != null; // too large, or the reader gave up or closed before this came
            } finally {
                lock.unlock();
            }
            // Not under the lock: the client may deliver at once, on this thread.
            if (unwanted) {
                s.cancel();
            } else {
                s.request(PREFETCH);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            boolean tooLarge;
            boolean nothingToRead;
            lock.lock();
            try {
                if (complete || failure != null) {
                    return;
                }
                long size = 0;
                for (ByteBuffer item : items) {
                    size += item.remaining();
                }
                received += size;
                tooLarge = received > maxBytes;
                nothingToRead = size == 0;
                if (tooLarge) {
                    failure = new TooLargeException(maxBytes);
                    queue.clear();
                } else if (!nothingToRead) {
                    ByteBuffer last = null;
                    for (ByteBuffer item : items) {
                        if (item.hasRemaining()) {
                            if (last != null) {
                                queue.add(new Chunk(last, false));
                            }
                            last = item;
                        }
                    }
                    queue.add(new Chunk(last, true));
                }
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
            Flow.Subscription s = subscription; // set: the client subscribes before it delivers
            if (s == null) {
                return;
            }
            if (tooLarge) {
                s.cancel(); // the rest is not read
            } else if (nothingToRead) {
                s.request(1); // the reader will never take this list: ask for the next now
            }
        }

        @Override
        public void onError(Throwable t) {
            fail(t instanceof IOException io ? io : new IOException(t));
        }

        @Override
        public void onComplete() {
            lock.lock();
            try {
                complete = true;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void fail(IOException e) {
            lock.lock();
            try {
                if (failure == null && !complete) {
                    failure = e;
                }
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** @return the bytes received so far */
        public long received() {
            lock.lock();
            try {
                return received;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int read() throws IOException {
            ByteBuffer buffer = current();
            return buffer == null ? -1 : buffer.get() & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            ByteBuffer buffer = current();
            if (buffer == null) {
                return -1;
            }
            int n = Math.min(length, buffer.remaining());
            buffer.get(into, offset, n);
            return n;
        }

        @Override
        public int available() {
            ByteBuffer buffer = current;
            return buffer == null ? 0 : buffer.remaining();
        }

        /** The buffer to read from, waiting for one until the deadline; {@code null} at the end. */
        private ByteBuffer current() throws IOException {
            if (current != null && current.hasRemaining()) {
                return current;
            }
            if (closed) {
                throw new IOException("closed");
            }
            current = null;
            Chunk next;
            IOException gaveUp = null;
            lock.lock();
            try {
                long left = deadlineNanos - System.nanoTime();
                while ((next = queue.poll()) == null && failure == null && !complete) {
                    if (left <= 0) {
                        gaveUp = new BodyTimeoutException();
                        break;
                    }
                    try {
                        left = arrived.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the caller turns this back into an InterruptedException
                        gaveUp = new InterruptedIOException("interrupted while reading the answer");
                        break;
                    }
                }
                if (gaveUp != null) {
                    failure = gaveUp;
                    queue.clear();
                } else if (next == null && failure != null) {
                    throw failure;
                }
            } finally {
                lock.unlock();
            }
            if (gaveUp != null) {
                Flow.Subscription s = subscription;
                if (s != null) { // else onSubscribe cancels
                    s.cancel(); // the exchange ends here, and its connection is closed
                }
                throw gaveUp;
            }
            if (next == null) {
                return null; // complete, and all read
            }
            Flow.Subscription s = subscription; // set: a list came
            if (next.endsList() && s != null) {
                s.request(1); // not under the lock: the client may deliver at once, on this thread
            }
            current = next.buffer();
            return current;
        }

        /**
         * Reads what is left of the body (after an answer's JSON, at most some white space) so
         * that the connection may serve another request, and closes. A body that does not end by
         * the deadline or within the limit is cancelled instead.
         */
        public void finish() {
            try {
                for (ByteBuffer b = current(); b != null; b = current()) {
                    b.position(b.limit());
                }
            } catch (IOException e) {
                // cancelled already, or cancelled by close()
            }
            close();
        }

        /** Ends the exchange: cancels it unless the body has come to its end. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            current = null;
            boolean cancel;
            lock.lock();
            try {
                cancel = !complete && failure == null;
                if (cancel) {
                    failure = new IOException("closed");
                }
                queue.clear();
            } finally {
                lock.unlock();
            }
            Flow.Subscription s = subscription;
            if (cancel && s != null) {
                s.cancel();
            }
        }
    }
}
