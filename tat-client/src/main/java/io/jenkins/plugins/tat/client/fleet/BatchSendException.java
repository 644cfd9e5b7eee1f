package io.jenkins.plugins.tat.client.fleet;

import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TatTransportException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fleet's batch failed: what was sent (and runs), which batch failed, whether it may have
 * started all the same, and what was not sent. The message says all of it; the cause
 * ({@link #getCause()}) is the failed call's own {@link TatException}.
 */
public final class BatchSendException extends TatException {

    private static final long serialVersionUID = 1L;

    /** @serial the batches the API accepted */
    private final List<SentBatch> sent;
    /** @serial the failed batch's position, from 0 */
    private final int failedIndex;
    /** @serial the failed batch's instances */
    private final List<String> failedInstances;
    /** @serial whether the failed batch may have started all the same */
    private final boolean mayHaveStarted;
    /** @serial the batches after the failed one */
    private final List<List<String>> notSent;
    /** @serial how many batches the fleet has */
    private final int batchCount;
    /** @serial what became of the batches, in words */
    private final String outcome;

    BatchSendException(List<List<String>> batches, List<SentBatch> sent, int failedIndex, TatException cause) {
        super(head(failedIndex, batches, cause) + " " + outcome(sent, failedIndex, batches, mayHaveStarted(cause)), cause);
        this.sent = List.copyOf(sent);
        this.failedIndex = failedIndex;
        this.failedInstances = List.copyOf(batches.get(failedIndex));
        this.mayHaveStarted = mayHaveStarted(cause);
        this.notSent = List.copyOf(batches.subList(failedIndex + 1, batches.size()));
        this.batchCount = batches.size();
        this.outcome = outcome(sent, failedIndex, batches, mayHaveStarted);
    }

    /**
     * Whether the failed call may have started the batch: only when the request may have reached
     * the server and no answer came. An API error is an answer: that request did nothing.
     */
    private static boolean mayHaveStarted(TatException cause) {
        return cause instanceof TatTransportException transport && transport.mayHaveReachedServer();
    }

    /** @return the batches the API accepted; their invocations run */
    public List<SentBatch> sent() {
        return sent;
    }

    /** @return the failed batch's position, from 0 */
    public int failedIndex() {
        return failedIndex;
    }

    /** @return the failed batch's instances */
    public List<String> failedInstances() {
        return failedInstances;
    }

    /**
     * @return whether the failed batch may have started all the same (no answer came after the
     *     request may have reached the server); it is not sent again either way
     */
    public boolean mayHaveStarted() {
        return mayHaveStarted;
    }

    /** @return the batches after the failed one, none of them sent */
    public List<List<String>> notSent() {
        return notSent;
    }

    /** @return how many batches the fleet has */
    public int batchCount() {
        return batchCount;
    }

    /** @return the failed call's exception (also {@link #getCause()}) */
    public TatException failure() {
        // Always a TatException: the only constructor takes one as the cause.
        return getCause() instanceof TatException cause ? cause : null;
    }

    /**
     * @return what became of the batches, in words: whether the failed one may have started,
     *     which were sent before it (with their InvocationIds) and which were not sent
     */
    public String outcome() {
        return outcome;
    }

    private static String head(int failedIndex, List<List<String>> batches, TatException cause) {
        List<String> failedInstances = batches.get(failedIndex);
        return "Batch " + (failedIndex + 1) + " of " + batches.size() + " (" + failedInstances.size() + " instances, "
                + range(failedInstances) + ") failed: " + cause.getMessage();
    }

    private static String outcome(List<SentBatch> sent, int failedIndex, List<List<String>> batches,
            boolean mayHaveStarted) {
        List<List<String>> notSent = batches.subList(failedIndex + 1, batches.size());
        int batchCount = batches.size();
        StringBuilder m = new StringBuilder();
        if (mayHaveStarted) {
            m.append("It may have started all the same; it was not sent again. ");
        }
        if (sent.isEmpty()) {
            m.append("No batch was sent before it.");
        } else {
            m.append("Sent before it, and running: ").append(sent.stream()
                    .map(b -> "batch " + (b.index() + 1) + " " + b.invocationId() + " (" + b.instanceIds().size()
                            + " instances)")
                    .collect(Collectors.joining(", ")))
                    .append('.');
        }
        if (!notSent.isEmpty()) {
            int instances = notSent.stream().mapToInt(List::size).sum();
            m.append(" Not sent: ").append(notSent.size() == 1 ? "batch " + (failedIndex + 2)
                    : "batches " + (failedIndex + 2) + " to " + batchCount)
                    .append(" (").append(instances).append(" instances, ")
                    .append(range(notSent.get(0).get(0), notSent.get(notSent.size() - 1)))
                    .append(").");
        }
        return m.toString();
    }

    private static String range(List<String> ids) {
        return ids.size() == 1 ? ids.get(0) : ids.get(0) + " to " + ids.get(ids.size() - 1);
    }

    private static String range(String first, List<String> lastBatch) {
        String last = lastBatch.get(lastBatch.size() - 1);
        return first.equals(last) ? first : first + " to " + last;
    }
}
