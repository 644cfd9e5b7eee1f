package io.jenkins.plugins.tat.client.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Several waits as one: what waiting for a fleet's batches needs of {@link CompletableFuture}. */
public final class AllOf {

    private AllOf() {}

    /**
     * @param futures the waits, e.g. one per invocation
     * @param <T> what each gives
     * @return completes with every result, in the order given, once all completed; or, as soon as
     *     one fails, exceptionally with that failure (unwrapped from a {@link CompletionException}),
     *     cancelling the others. Cancelling it (or completing it otherwise) before then cancels
     *     every wait still running.
     */
    public static <T> CompletableFuture<List<T>> allOrFirstFailure(List<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> waits = List.copyOf(futures);
        CompletableFuture<List<T>> all = new CompletableFuture<>();
        for (CompletableFuture<T> wait : waits) {
            wait.whenComplete((result, failure) -> {
                if (failure != null) {
                    all.completeExceptionally(failure instanceof CompletionException ? failure.getCause() : failure);
                }
            });
        }
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<T> results = new ArrayList<>(waits.size());
            waits.forEach(w -> results.add(w.join()));
            all.complete(results);
        });
        all.whenComplete((results, failure) -> {
            if (failure != null) {
                waits.forEach(w -> w.cancel(false));
            }
        });
        return all;
    }
}
