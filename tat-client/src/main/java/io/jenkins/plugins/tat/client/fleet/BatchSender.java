package io.jenkins.plugins.tat.client.fleet;

import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
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
 * here (the client has already retried what is safe to retry, see {@code RetryPolicy}), with one
 * exception: a batch TAT refuses as too large ({@value #TOO_MANY_INSTANCES}, an answer, so nothing
 * of it ran) is sent again as two halves, and the progress hears of it ({@link Progress#halved}).
 * The batch size is then one setting that can be wrong without failing a deployment: the current
 * docs say 200 instances per call, an older page said 100 (docs/dev/protocol.md §10).
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
         * Hears that TAT refused a batch as too large, so that it is sent again as two halves
         * (then numbered {@code index} and {@code index + 1}, the later batches one further on).
         * Nothing of the refused batch ran.
         *
         * @param index the refused batch's position, from 0
         * @param refused its instances
         * @param halves the two batches sent instead, in order
         * @param refusal TAT's answer
         * @throws InterruptedException if interrupted meanwhile; nothing more is sent then
         */
        default void halved(int index, List<String> refused, List<List<String>> halves, TencentCloudApiException refusal)
                throws InterruptedException {}

        /**
         * Hears of the batches about to be sent, before the first of them is, so that a caller
         * that saves its state can say after a crash which instances were not sent.
         *
         * @param toSend the batches not sent before, in the order they will be sent
         * @throws InterruptedException if interrupted meanwhile; nothing is sent then
         */
        default void planned(List<List<String>> toSend) throws InterruptedException {}
    }

    /** The error code of a call with more instances than TAT takes at once. */
    public static final String TOO_MANY_INSTANCES = "InvalidParameterValue.LimitExceeded";

    private BatchSender() {}

    /**
     * Sends every batch from {@code firstIndex} on, in order.
     *
     * @param batches every batch of the fleet ({@link InstanceBatches#split(List)})
     * @param alreadySent batches sent before, e.g. before a restart, as they were sent (halves of a
     *     refused batch included): they must cover the fleet's first instances in order, and none
     *     of them is sent again
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
        List<List<String>> plan = remaining(batches, alreadySent);
        progress.planned(List.copyOf(plan.subList(sent.size(), plan.size())));
        for (int index = sent.size(); index < plan.size(); index++) {
            List<String> batch = plan.get(index);
            String invocationId;
            try {
                invocationId = call.send(index, batch);
            } catch (TencentCloudApiException e) {
                if (!e.errorCode().equals(TOO_MANY_INSTANCES) || batch.size() < 2) {
                    throw new BatchSendException(plan, sent, index, e);
                }
                List<List<String>> halves = List.of(List.copyOf(batch.subList(0, batch.size() / 2)),
                        List.copyOf(batch.subList(batch.size() / 2, batch.size())));
                plan.remove(index);
                plan.addAll(index, halves);
                progress.halved(index, batch, halves, e);
                index--; // send the first half next
                continue;
            } catch (TatException e) {
                throw new BatchSendException(plan, sent, index, e);
            }
            SentBatch accepted = new SentBatch(index, batch, invocationId);
            sent.add(accepted);
            progress.sent(accepted);
        }
        return List.copyOf(sent);
    }

    /**
     * The batches to send, the sent ones first: {@code alreadySent} must cover the first instances
     * of the fleet in order, batch after batch (as sent, so halves of a refused batch too); a batch
     * it covers in part is cut where it stops.
     */
    private static List<List<String>> remaining(List<List<String>> batches, List<SentBatch> alreadySent) {
        List<List<String>> plan = new ArrayList<>();
        int b = 0;
        int within = 0;
        for (int i = 0; i < alreadySent.size(); i++) {
            SentBatch s = alreadySent.get(i);
            if (s.index() != i || b >= batches.size()) {
                throw new IllegalArgumentException("alreadySent must be the first batches, in order");
            }
            List<String> rest = batches.get(b).subList(within, batches.get(b).size());
            if (s.instanceIds().size() > rest.size() || !rest.subList(0, s.instanceIds().size()).equals(s.instanceIds())) {
                throw new IllegalArgumentException("alreadySent must be the first batches, in order");
            }
            plan.add(s.instanceIds());
            within += s.instanceIds().size();
            if (within == batches.get(b).size()) {
                b++;
                within = 0;
            }
        }
        if (b < batches.size() && within > 0) {
            plan.add(List.copyOf(batches.get(b).subList(within, batches.get(b).size())));
            b++;
        }
        plan.addAll(batches.subList(b, batches.size()));
        return plan;
    }
}
