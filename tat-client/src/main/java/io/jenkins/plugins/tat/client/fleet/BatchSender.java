package io.jenkins.plugins.tat.client.fleet;

import io.jenkins.plugins.tat.client.TatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sends a fleet's batches one after the other, each once.
 *
 * <p>Sequential on purpose: every call goes through the client's rate limiter anyway, where
 * deployments are served before polling, so sending batches in parallel would not finish sooner
 * within TAT's 20 requests per second; and in order, a failure leaves a clear line between the
 * batches that run and those that were never sent.
 *
 * <p>The caller hears of each accepted batch ({@link Progress#sent}) before the next is sent, so
 * that it can record the InvocationId durably first: a process that stops between two batches then
 * knows exactly what it started. The first failed batch stops the sending; nothing is retried
 * here (the client has already retried what is safe to retry, see {@code RetryPolicy}).
 */
public final class BatchSender {

    /** Sends one batch: one InvokeCommand or RunCommand call. */
    @FunctionalInterface
    public interface Call {
        /**
         * @param index the batch's position, from 0
         * @param instanceIds its instances
         * @return the InvocationId the API answered
         * @throws TatException if the call failed
         * @throws InterruptedException if interrupted meanwhile
         */
        String send(int index, List<String> instanceIds) throws InterruptedException;
    }

    /** Hears of each batch the API accepted, before the next one is sent. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param batch the accepted batch
         * @throws InterruptedException if interrupted meanwhile; nothing more is sent then
         */
        void sent(SentBatch batch) throws InterruptedException;

        /**
         * Hears of the batches about to be sent, before the first of them is, so that a caller
         * that saves its state can say after a crash which instances were not sent.
         *
         * @param toSend the batches not sent before, in the order they will be sent
         * @throws InterruptedException if interrupted meanwhile; nothing is sent then
         */
        default void planned(List<List<String>> toSend) throws InterruptedException {}
    }

    private BatchSender() {}

    /**
     * Sends every batch from {@code firstIndex} on, in order.
     *
     * @param batches every batch of the fleet ({@link InstanceBatches#split(List)})
     * @param alreadySent batches sent before, e.g. before a restart; must be exactly the batches
     *     {@code 0 … alreadySent.size()-1}, and none of them is sent again
     * @param call sends one batch
     * @param progress hears of each accepted batch before the next is sent
     * @return every sent batch, the earlier ones first
     * @throws BatchSendException when a batch failed: it says which were sent, which failed (and
     *     whether it may have started anyway), and which were not sent
     * @throws InterruptedException if interrupted; the batches sent so far were told to
     *     {@code progress}
     */
    public static List<SentBatch> sendAll(List<List<String>> batches, List<SentBatch> alreadySent, Call call,
            Progress progress) throws InterruptedException {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(progress, "progress");
        List<SentBatch> sent = new ArrayList<>(alreadySent);
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).index() != i || i >= batches.size() || !sent.get(i).instanceIds().equals(batches.get(i))) {
                throw new IllegalArgumentException("alreadySent must be the first batches, in order");
            }
        }
        progress.planned(List.copyOf(batches.subList(sent.size(), batches.size())));
        for (int index = sent.size(); index < batches.size(); index++) {
            List<String> batch = batches.get(index);
            String invocationId;
            try {
                invocationId = call.send(index, batch);
            } catch (TatException e) {
                throw new BatchSendException(batches, sent, index, e);
            }
            SentBatch accepted = new SentBatch(index, batch, invocationId);
            sent.add(accepted);
            progress.sent(accepted);
        }
        return List.copyOf(sent);
    }
}
