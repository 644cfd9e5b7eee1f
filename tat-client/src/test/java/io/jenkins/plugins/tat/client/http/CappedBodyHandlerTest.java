package io.jenkins.plugins.tat.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.TatClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The body stream that {@link TatClient} reads answers from, fed here as the JDK client feeds it:
 * it hands the bytes on in order, asks for more only as they are read, and ends the exchange when
 * the answer is too large, its deadline has passed, the reader is interrupted or stops reading.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class CappedBodyHandlerTest {

    private static final long FAR = System.nanoTime() + 3_600_000_000_000L;

    private final Subscription subscription = new Subscription();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** Counts what the body asks of the connection. */
    private static final class Subscription implements Flow.Subscription {
        long requested;
        int cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled++;
        }
    }

    private static CappedBodyHandler.Body body(long maxBytes, long deadlineNanos, Map<String, List<String>> headers) {
        HttpHeaders h = HttpHeaders.of(headers, (name, value) -> true);
        return (CappedBodyHandler.Body) new CappedBodyHandler(maxBytes, deadlineNanos).apply(new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public HttpHeaders headers() {
                return h;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        });
    }

    private CappedBodyHandler.Body subscribed(long maxBytes, long deadlineNanos) {
        CappedBodyHandler.Body body = body(maxBytes, deadlineNanos, Map.of());
        body.onSubscribe(subscription);
        return body;
    }

    private static List<ByteBuffer> chunk(String text) {
        return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theBodyIsReadyWithTheHeadersAndHandsOnEveryByteInOrder() throws IOException {
        CappedBodyHandler.Body body = subscribed(1024, FAR);
        assertThat(body.getBody().toCompletableFuture()).isCompletedWithValue(body);

        body.onNext(List.of(ByteBuffer.wrap("{\"a\":".getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.wrap("1,".getBytes(StandardCharsets.UTF_8))));
        body.onNext(chunk("\"b\":2}"));
        body.onComplete();

        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(body.read()).isEqualTo(-1);
        assertThat(body.received()).isEqualTo(13);
    }

    @Test
    void moreIsAskedForOnlyAsListsAreTaken() throws IOException {
        CappedBodyHandler.Body body = subscribed(1024, FAR);
        long first = subscription.requested;
        assertThat(first).isPositive();

        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1}), ByteBuffer.wrap(new byte[] {2})));
        body.onNext(chunk("x"));
        assertThat(subscription.requested).as("nothing read yet").isEqualTo(first);

        assertThat(body.read()).isEqualTo(1);
        assertThat(subscription.requested).as("the first list is not all taken").isEqualTo(first);
        assertThat(body.read()).isEqualTo(2);
        assertThat(subscription.requested).as("the first list taken").isEqualTo(first + 1);
        assertThat(body.read()).isEqualTo('x');
        assertThat(subscription.requested).isEqualTo(first + 2);
    }

    @Test
    void aListWithNothingInItAsksForTheNextAtOnce() {
        CappedBodyHandler.Body body = subscribed(1024, FAR);
        long first = subscription.requested;

        body.onNext(List.of(ByteBuffer.allocate(0)));

        assertThat(subscription.requested).isEqualTo(first + 1);
    }

    @Test
    void aBodyThatGrowsPastTheLimitIsCancelledAndRefused() {
        CappedBodyHandler.Body body = subscribed(8, FAR);

        body.onNext(chunk("12345"));
        body.onNext(chunk("6789"));

        assertThat(subscription.cancelled).isEqualTo(1);
        Throwable thrown = catchThrowable(body::readAllBytes);
        assertThat(thrown).isInstanceOf(CappedBodyHandler.TooLargeException.class)
                .hasMessage("the answer is larger than 8 bytes");
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsNotAskedForAtAll() {
        CappedBodyHandler.Body body = body(1024 * 1024, FAR, Map.of("Content-Length", List.of("2097152")));

        body.onSubscribe(subscription);

        assertThat(subscription.requested).isZero();
        assertThat(subscription.cancelled).isEqualTo(1);
        assertThat(catchThrowable(body::read)).isInstanceOf(CappedBodyHandler.TooLargeException.class)
                .hasMessage("the answer is larger than 1 MB");
    }

    @Test
    void aReadPastTheDeadlineFailsAndCancels() {
        CappedBodyHandler.Body body = subscribed(1024, System.nanoTime() - 1);

        Throwable thrown = catchThrowable(body::read);

        assertThat(thrown).isInstanceOf(CappedBodyHandler.BodyTimeoutException.class);
        assertThat(subscription.cancelled).isEqualTo(1);
    }

    @Test
    void whatCameBeforeTheDeadlineIsStillRead() throws IOException {
        CappedBodyHandler.Body body = subscribed(1024, System.nanoTime() - 1);
        body.onNext(chunk("ok"));

        assertThat(body.read()).isEqualTo('o');
        assertThat(body.read()).isEqualTo('k');
        assertThat(catchThrowable(body::read)).isInstanceOf(CappedBodyHandler.BodyTimeoutException.class);
    }

    @Test
    void anInterruptedReadFailsKeepsTheInterruptAndCancels() {
        CappedBodyHandler.Body body = subscribed(1024, FAR);
        Thread.currentThread().interrupt();

        Throwable thrown = catchThrowable(body::read);

        assertThat(thrown).isInstanceOf(InterruptedIOException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(subscription.cancelled).isEqualTo(1);
    }

    @Test
    void aFailedConnectionFailsTheReadAfterWhatCameBeforeIt() throws IOException {
        CappedBodyHandler.Body body = subscribed(1024, FAR);
        body.onNext(chunk("a"));
        body.onError(new IOException("connection reset"));

        assertThat(body.read()).isEqualTo('a');
        assertThat(catchThrowable(body::read)).isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void closingBeforeTheEndCancelsTheExchange() {
        CappedBodyHandler.Body body = subscribed(1024, FAR);
        body.onNext(chunk("{\"a\":"));

        body.close();

        assertThat(subscription.cancelled).isEqualTo(1);
        assertThat(catchThrowable(body::read)).isInstanceOf(IOException.class);
    }

    @Test
    void finishingReadsTheRestAndLeavesACompleteExchangeAlone() {
        CappedBodyHandler.Body body = subscribed(1024, FAR);
        body.onNext(chunk("{}"));
        body.onNext(chunk("  \n"));
        body.onComplete();

        body.finish();

        assertThat(subscription.cancelled).isZero();
    }

    @Test
    void aCancelledReaderCancelsASubscriptionThatComesLater() {
        CappedBodyHandler.Body body = body(1024, System.nanoTime() - 1, Map.of());
        assertThat(catchThrowable(body::read)).isInstanceOf(CappedBodyHandler.BodyTimeoutException.class);

        body.onSubscribe(subscription);

        assertThat(subscription.requested).isZero();
        assertThat(subscription.cancelled).isEqualTo(1);
    }
}
