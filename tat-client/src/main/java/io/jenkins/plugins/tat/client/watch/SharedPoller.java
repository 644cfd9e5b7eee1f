package io.jenkins.plugins.tat.client.watch;

import io.jenkins.plugins.tat.client.Deadline;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TemporaryKeyException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksRequest;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksResponse;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsRequest;
import io.jenkins.plugins.tat.client.api.Invocation;
import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.api.TatAction;
import io.jenkins.plugins.tat.client.http.RequestRateLimiter;
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One poller for every watch of the invocations of one API key in one region at one endpoint, in
 * this JVM. A round asks for all of them at once, 100 invocations per DescribeInvocations, whose
 * {@code InvocationTaskBasicInfoSet} carries every task's status; then fetches the output of the
 * tasks that just ended, 100 task IDs per DescribeInvocationTasks, across invocations. So a
 * thousand waiting builds cost about ten requests a round, and no thread each. How large
 * invocations, whose basic info may be cut short, are followed: see {@link PolledWatch}.
 *
 * <p><b>Isolated from faults.</b> A poller's calls are blocking ({@link TatClient} sends on the
 * calling thread, which is its cheapest way on a busy controller), so what a hung endpoint can
 * take is the thread its round runs on. The design keeps that to one thread, and keeps every
 * other wait from depending on it:
 * <ul>
 *   <li>Rounds run on {@link PollerThreads}' bounded pool, which starts a thread only when none
 *       is idle, and a poller has at most one round at a time: a hung endpoint, key or region
 *       holds one thread, never the others' rounds. A small shared pool rather than a thread per
 *       poller keeps a thousand waits of one key to a few threads; a non-blocking client would
 *       need a second call path beside {@link TatClient}'s, which is being reworked as it is.</li>
 *   <li>A round waits for a rate-limit permit holding no thread: it takes one with
 *       {@link RequestRateLimiter#tryAcquire(boolean)}, and when none is free it leaves the pool
 *       and comes back on the timer when {@link RequestRateLimiter#untilPermitMayFree(boolean)}
 *       says. Its calls then take no permit of their own ({@link TatClient#withPermitFromCaller()})
 *       and make one attempt: the next round is the retry.</li>
 *   <li>Wait timeouts are timers ({@link PolledWatch#tryExpire()}), not checks between rounds: a
 *       watch ends at its wait timeout, naming its unfinished tasks, even while its round is
 *       stuck in a call that will only end at the request timeout.</li>
 * </ul>
 *
 * <p><b>Pace.</b> After a round in which a task changed, or a watch was added, the next round
 * comes the shortest initial interval of the watches after this one started (at once if it took
 * longer, e.g. waiting for permits); after a quiet one the interval doubles up to the shortest
 * maximum interval. The limiter keeps polling within its share of the key's quota, behind
 * deployments. Endpoints of one key and region share that limiter: requests hung at them hold
 * their permits until they time out, one per hung endpoint.
 */
final class SharedPoller {

    private static final Logger LOGGER = Logger.getLogger(SharedPoller.class.getName());
    private static final int PAGE = 100;
    /** A round gives up on its requests after this long; the watches go on in the next one. */
    private static final Duration ROUND_BUDGET = Duration.ofSeconds(60);
    /**
     * Pages of hidden tasks (those a capped basic info set leaves out) read per round for the
     * whole poller: enough to sweep a few thousand such tasks every few seconds, few enough that
     * a round stays within about one second of the polling share of the rate limit (12 a second).
     */
    private static final int HIDDEN_PAGES_PER_ROUND = 10;

    /** How soon a wait timeout is tried again when a round held the watch. */
    private static final Duration EXPIRY_RETRY = Duration.ofMillis(10);

    private static final Map<String, SharedPoller> POLLERS = new ConcurrentHashMap<>();

    private final String key;
    private final Map<String, List<PolledWatch>> watches = new LinkedHashMap<>();
    /** The client of the latest watch: a temporary key's newest token. Guarded by this. */
    private TatClient client;
    /** Guarded by this. */
    private ScheduledFuture<?> nextRound;
    private boolean roundRunning;
    private Duration interval = Duration.ZERO;
    /**
     * Hidden task ID (see {@link PolledWatch}) to the round that last read it, so that they are
     * read in turn, the longest unread first. Only rounds touch it, one at a time.
     */
    private Map<String, Long> hiddenLastRead = new HashMap<>();
    private long rounds;

    private SharedPoller(String key) {
        this.key = key;
    }

    /**
     * The poller for the client's key, region and endpoint. A temporary key is known by its role
     * ({@link TatClient#keyId()}), so that its renewals keep the same poller; each round signs with
     * the key its client's provider gives then.
     */
    static SharedPoller of(TatClient client) {
        String key = client.keyId() + "\n" + client.region() + "\n" + client.endpoint();
        return POLLERS.computeIfAbsent(key, SharedPoller::new);
    }

    /**
     * Stops every round and timer and forgets every watch, without completing their futures: for
     * a JVM (a Jenkins controller) that shuts down, whose waits resume after the restart. A later
     * watch starts the threads again.
     */
    static void shutdownAll() {
        PollerThreads.shutdown();
        for (SharedPoller poller : POLLERS.values()) {
            poller.forgetAll();
        }
    }

    /** Adds a watch, starts its wait timeout's timer and has a round come soon. */
    synchronized void add(PolledWatch watch, TatClient latest) {
        client = latest;
        watches.computeIfAbsent(watch.invocationId, id -> new ArrayList<>()).add(watch);
        ScheduledFuture<?> timer = PollerThreads.timer(() -> expire(watch), watch.waitTimeout);
        watch.future.whenComplete((r, e) -> {
            timer.cancel(false);
            remove(watch);
        });
        interval = watch.initialInterval;
        schedule(Duration.ZERO.equals(interval) ? Duration.ofMillis(1) : Duration.ZERO);
    }

    /** On the timer: ends the watch at its wait timeout, or tries again shortly if a round holds it. */
    private static void expire(PolledWatch watch) {
        if (!watch.tryExpire()) {
            PollerThreads.timer(() -> expire(watch), EXPIRY_RETRY);
        }
    }

    private synchronized void remove(PolledWatch watch) {
        List<PolledWatch> same = watches.get(watch.invocationId);
        if (same != null && same.remove(watch) && same.isEmpty()) {
            watches.remove(watch.invocationId);
        }
        if (watches.isEmpty()) {
            // Nothing left to poll for this key: let it go. A watch added to this instance by a
            // thread that looked it up just before still runs: add() schedules its own rounds.
            POLLERS.remove(key, this);
            if (nextRound != null) {
                nextRound.cancel(false);
                nextRound = null;
            }
        }
    }

    private synchronized int size() {
        return watches.size();
    }

    private synchronized void forgetAll() {
        watches.clear();
        nextRound = null;
        roundRunning = false;
    }

    /** Schedules the next round after {@code delay}, unless one runs or comes sooner. Holds this. */
    private void schedule(Duration delay) {
        if (roundRunning) {
            return; // the running round schedules the next one when it ends
        }
        if (nextRound != null && !nextRound.isDone() && nextRound.getDelay(TimeUnit.NANOSECONDS) <= delay.toNanos()) {
            return;
        }
        if (nextRound != null) {
            nextRound.cancel(false);
        }
        nextRound = PollerThreads.timer(this::startRound, delay);
    }

    /** On the timer: starts a round on the pool, if there is anything to poll. */
    private void startRound() {
        Round round;
        synchronized (this) {
            nextRound = null;
            if (roundRunning || watches.isEmpty() || client == null) {
                return;
            }
            roundRunning = true;
            Map<String, List<PolledWatch>> byId = new LinkedHashMap<>();
            watches.forEach((id, list) -> byId.put(id, new ArrayList<>(list)));
            round = new Round(client, byId);
        }
        PollerThreads.run(round);
    }

    /**
     * Called once when a round has ended, however it ended: schedules the next one, the interval
     * after this one started (at once if it took longer), so that a round that spent its time
     * waiting for permits does not also wait a whole interval.
     */
    private synchronized void roundEnded(boolean changed, long startedNanos) {
        roundRunning = false;
        if (watches.isEmpty()) {
            return;
        }
        Duration initial = Duration.ofDays(1);
        Duration max = Duration.ofDays(1);
        for (List<PolledWatch> list : watches.values()) {
            for (PolledWatch w : list) {
                initial = min(initial, w.initialInterval);
                max = min(max, w.maxInterval);
            }
        }
        interval = changed ? initial : min(max, max(initial, interval.multipliedBy(2)));
        schedule(max(Duration.ZERO, interval.minusNanos(System.nanoTime() - startedNanos)));
    }

    /** One request of a round, and what to do with its answer or failure. */
    @FunctionalInterface
    private interface Call {
        void send(TatClient client) throws InterruptedException;
    }

    /**
     * One round, step by step: the statuses of all invocations; the listings of large ones; the
     * reads of tasks that ended (and of hidden ones); the end. Each request waits for its permit
     * off the pool: {@link #run()} returns and is run again when a permit may be free.
     */
    private final class Round implements Runnable {
        private final TatClient client;
        private final RequestRateLimiter limiter;
        private final Map<String, List<PolledWatch>> byId;
        private final Deque<Call> calls = new ArrayDeque<>();
        private int step;
        private boolean changed;
        private boolean ended;
        private final long startedNanos = System.nanoTime();
        private final int generation = PollerThreads.generation();

        Round(TatClient latest, Map<String, List<PolledWatch>> byId) {
            this.client = latest.withDeadline(Deadline.after(ROUND_BUDGET)).withPermitFromCaller();
            this.limiter = latest.rateLimiter();
            this.byId = byId;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    if (PollerThreads.generation() != generation) {
                        return; // shut down meanwhile: its watches are forgotten
                    }
                    if (calls.isEmpty() && !nextStep()) {
                        end();
                        return;
                    }
                    if (calls.isEmpty()) {
                        continue;
                    }
                    if (!limiter.tryAcquire(true)) {
                        PollerThreads.timer(() -> PollerThreads.run(this), limiter.untilPermitMayFree(true));
                        return; // holds no thread while it waits
                    }
                    Call call = calls.removeFirst();
                    try {
                        call.send(client);
                    } finally {
                        limiter.release(true);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shut down
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "TAT poll round failed; the watches go on", e);
                end();
            }
        }

        private void end() {
            if (!ended) {
                ended = true;
                roundEnded(changed, startedNanos);
            }
        }

        /** Queues the requests of the next step; returns false when the round is over. */
        private boolean nextStep() {
            switch (step++) {
                case 0 -> {
                    byId.values().removeIf(same -> {
                        same.removeIf(PolledWatch::isDone);
                        return same.isEmpty();
                    });
                    byId.values().forEach(same -> same.forEach(PolledWatch::startRound));
                    queueStatuses();
                }
                case 1 -> byId.values().forEach(this::queueListing);
                case 2 -> queueReads();
                case 3 -> byId.values().forEach(same -> same.forEach(PolledWatch::endRound));
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** Every invocation's status and its tasks', 100 invocations a request. */
        private void queueStatuses() {
            List<String> ids = new ArrayList<>(byId.keySet());
            for (int from = 0; from < ids.size(); from += PAGE) {
                List<String> chunk = List.copyOf(ids.subList(from, Math.min(ids.size(), from + PAGE)));
                calls.add(c -> {
                    List<PolledWatch> involved = watchesOf(byId, chunk);
                    Map<String, Invocation> found = new HashMap<>();
                    try {
                        for (Invocation i : c.describeInvocations(DescribeInvocationsRequest.builder()
                                .invocationIds(chunk).limit(PAGE).build()).invocations()) {
                            found.put(i.invocationId(), i);
                        }
                    } catch (TatException e) {
                        handle(e, involved);
                        return;
                    } finally {
                        involved.forEach(PolledWatch::countCall);
                    }
                    for (String id : chunk) {
                        for (PolledWatch w : byId.get(id)) {
                            changed |= w.observe(found.get(id));
                        }
                    }
                });
            }
        }

        /**
         * A large invocation whose basic info is not known to be complete: the page of its tasks by
         * the invocation-id filter it needs next (the first one gives the task count), and the
         * next page after that if it still needs one.
         */
        private void queueListing(List<PolledWatch> same) {
            PolledWatch first = same.get(0);
            long offset = first.listingOffset();
            if (offset < 0) {
                return;
            }
            calls.add(c -> {
                DescribeInvocationTasksResponse page;
                try {
                    page = c.describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                            .filter("invocation-id", first.invocationId).offset(offset).limit(PAGE).build());
                } catch (TatException e) {
                    handle(e, same);
                    return;
                } finally {
                    same.forEach(PolledWatch::countCall);
                }
                for (PolledWatch w : same) {
                    changed |= w.listed(page);
                }
                queueListing(same); // the next page, if it needs one
            });
        }

        /**
         * Tasks to read in full, 100 task IDs a request: those that ended, and some hidden ones
         * (all of an invocation whose own status says it is over).
         */
        private void queueReads() {
            Map<String, List<PolledWatch>> wanted = new LinkedHashMap<>();
            List<String> hidden = new ArrayList<>();
            Map<String, List<PolledWatch>> hiddenOf = new HashMap<>();
            for (List<PolledWatch> same : byId.values()) {
                for (PolledWatch w : same) {
                    for (String taskId : w.endedUnreported()) {
                        wanted.computeIfAbsent(taskId, t -> new ArrayList<>()).add(w);
                    }
                    boolean over = w.invocationOver();
                    for (String taskId : w.hiddenUnfinished()) {
                        if (over) {
                            wanted.computeIfAbsent(taskId, t -> new ArrayList<>()).add(w);
                        } else {
                            if (!hiddenOf.containsKey(taskId)) {
                                hidden.add(taskId);
                            }
                            hiddenOf.computeIfAbsent(taskId, t -> new ArrayList<>()).add(w);
                        }
                    }
                }
            }
            // Hidden tasks in turn: this round's share is those read longest ago (or never).
            long round = ++rounds;
            Map<String, Long> lastRead = new HashMap<>();
            for (String taskId : hidden) {
                lastRead.put(taskId, hiddenLastRead.getOrDefault(taskId, 0L));
            }
            hidden.sort(Comparator.comparingLong(lastRead::get));
            for (String taskId : hidden.subList(0, Math.min(hidden.size(), HIDDEN_PAGES_PER_ROUND * PAGE))) {
                wanted.computeIfAbsent(taskId, t -> new ArrayList<>()).addAll(hiddenOf.get(taskId));
                lastRead.put(taskId, round);
            }
            hiddenLastRead = lastRead; // the tasks no longer hidden and unfinished are forgotten
            List<String> taskIds = new ArrayList<>(wanted.keySet());
            for (int from = 0; from < taskIds.size(); from += PAGE) {
                List<String> chunk = List.copyOf(taskIds.subList(from, Math.min(taskIds.size(), from + PAGE)));
                calls.add(c -> {
                    List<PolledWatch> involved = watchesOf(wanted, chunk);
                    try {
                        DescribeInvocationTasksResponse page = c.describeInvocationTasks(
                                DescribeInvocationTasksRequest.builder().invocationTaskIds(chunk).limit(PAGE).build());
                        for (InvocationTask task : page.tasks()) {
                            for (PolledWatch w : wanted.getOrDefault(task.invocationTaskId(), List.of())) {
                                changed |= w.read(task);
                            }
                        }
                    } catch (TatException e) {
                        handle(e, involved);
                    } finally {
                        involved.forEach(PolledWatch::countCall);
                    }
                });
            }
        }
    }

    /**
     * A failed request: an error that will not pass (the key cannot read, say, or STS will not give
     * a temporary key for it) ends the watches it was for; anything else (throttling, a network fault) waits for
     * the next round, bounded by each watch's own timeout.
     *
     * <p>A temporary key whose token the API refused ({@code AuthFailure.TokenFailure}) is one
     * the client has already handed back to its provider for a new one, where it can; a client
     * whose caller holds the permit does not send the request again itself
     * ({@link TatClient#withPermitFromCaller()}), so the next round does, with the new key. Refused
     * twice in a row for a watch, the key will not do.
     */
    private static void handle(TatException e, List<PolledWatch> involved) {
        if (e instanceof TencentCloudApiException api && api.errorCode().equals("AuthFailure.TokenFailure")) {
            for (PolledWatch w : involved) {
                if (w.tokenRefusedAgain(e)) {
                    w.future.completeExceptionally(e);
                }
            }
            return;
        }
        boolean willNotPass = e instanceof TencentCloudApiException api
                ? !RetryPolicy.isRetryable(TatAction.DESCRIBE_INVOCATIONS, api)
                : e instanceof TemporaryKeyException noKey && !noKey.mayPass(); // e.g. the role no longer exists
        if (willNotPass) {
            involved.forEach(w -> w.future.completeExceptionally(e));
        } else {
            LOGGER.log(Level.FINE, "TAT poll failed; trying again in the next round: {0}", e.getMessage());
            involved.forEach(w -> w.failed(e));
        }
    }

    private static List<PolledWatch> watchesOf(Map<String, List<PolledWatch>> map, List<String> keys) {
        Set<PolledWatch> out = new LinkedHashSet<>();
        for (String k : keys) {
            out.addAll(map.getOrDefault(k, List.of()));
        }
        return new ArrayList<>(out);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "SharedPoller[" + Objects.hashCode(key) + ", " + size() + " invocations]";
    }
}
