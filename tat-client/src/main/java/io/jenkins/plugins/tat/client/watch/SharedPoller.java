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
import io.jenkins.plugins.tat.client.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One poller for every watch of the invocations of one API key in one region at one endpoint, in
 * this JVM. A round asks for all of them at once, 100 invocations per DescribeInvocations, whose
 * {@code InvocationTaskBasicInfoSet} carries every task's status; then fetches the output of the
 * tasks that just ended, 100 task IDs per DescribeInvocationTasks, across invocations. So a
 * thousand waiting builds cost about ten requests a round, and no thread each: rounds run on a
 * small scheduler that all pollers share, and a watch is a future that a round completes.
 *
 * <p><b>Invocations of 100 tasks or more.</b> The API reference does not say whether
 * {@code InvocationTaskBasicInfoSet} lists every task of a large invocation (docs/dev/protocol.md §4.3
 * gives its fields only). A set of fewer than 100 tasks is complete either way. For a set of 100
 * or more, the poller does not trust it: it lists the invocation's tasks once by the
 * {@code invocation-id} filter, 100 a page, and from then on asks for its unfinished tasks by ID
 * every round, as the single-build watcher did.
 *
 * <p><b>Pace.</b> After a round in which a task changed, or a watch was added, the next round
 * comes after the shortest initial interval of the watches; after a quiet one the interval
 * doubles up to the shortest maximum interval. The client's rate limiter keeps polling within its
 * share of the key's quota, behind deployments.
 */
final class SharedPoller {

    private static final Logger LOGGER = Logger.getLogger(SharedPoller.class.getName());
    private static final int PAGE = 100;
    /** A round gives up on its requests after this long; the watches go on in the next one. */
    private static final Duration ROUND_BUDGET = Duration.ofSeconds(60);
    private static final int SCHEDULER_THREADS = 2;

    private static final Map<String, SharedPoller> POLLERS = new ConcurrentHashMap<>();
    private static ScheduledThreadPoolExecutor scheduler;

    private final String key;
    private final Map<String, List<PolledWatch>> watches = new LinkedHashMap<>();
    /** The client of the latest watch: a temporary key's newest token. Guarded by this. */
    private TatClient client;
    /** Guarded by this. */
    private ScheduledFuture<?> nextRound;
    private boolean roundRunning;
    private Duration interval = Duration.ZERO;

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
     * Stops every round and forgets every watch, without completing their futures: for a JVM
     * (a Jenkins controller) that shuts down, whose waits resume after the restart. A later watch
     * starts the scheduler again.
     */
    static void shutdownAll() {
        ScheduledThreadPoolExecutor s;
        synchronized (SharedPoller.class) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdownNow();
        }
        for (SharedPoller poller : POLLERS.values()) {
            poller.forgetAll();
        }
    }

    private static synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory threads = r -> {
                Thread t = new Thread(r, "tat-poller-" + n.incrementAndGet());
                t.setDaemon(true);
                // Not the creating thread's loader (in Jenkins, perhaps a build's script loader,
                // which a long-lived thread must not keep alive): the library's own.
                t.setContextClassLoader(SharedPoller.class.getClassLoader());
                return t;
            };
            scheduler = new ScheduledThreadPoolExecutor(SCHEDULER_THREADS, threads);
            scheduler.setRemoveOnCancelPolicy(true);
        }
        return scheduler;
    }

    /** Adds a watch and has a round come soon. */
    synchronized void add(PolledWatch watch, TatClient latest) {
        client = latest;
        watches.computeIfAbsent(watch.invocationId, id -> new ArrayList<>()).add(watch);
        watch.future.whenComplete((r, e) -> remove(watch));
        interval = watch.initialInterval;
        schedule(Duration.ZERO.equals(interval) ? Duration.ofMillis(1) : Duration.ZERO);
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
        nextRound = scheduler().schedule(this::round, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void round() {
        List<PolledWatch> active;
        TatClient polling;
        synchronized (this) {
            roundRunning = true;
            active = new ArrayList<>();
            watches.values().forEach(active::addAll);
            polling = client;
        }
        boolean changed = false;
        try {
            if (!active.isEmpty() && polling != null) {
                changed = poll(polling.withDeadline(Deadline.after(ROUND_BUDGET)), active);
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "TAT poll round failed; the watches go on", e);
        } finally {
            synchronized (this) {
                roundRunning = false;
                nextRound = null;
                if (!watches.isEmpty()) {
                    Duration initial = Duration.ofDays(1);
                    Duration max = Duration.ofDays(1);
                    for (List<PolledWatch> list : watches.values()) {
                        for (PolledWatch w : list) {
                            initial = min(initial, w.initialInterval);
                            max = min(max, w.maxInterval);
                        }
                    }
                    interval = changed ? initial : min(max, max(initial, interval.multipliedBy(2)));
                    schedule(interval);
                }
            }
        }
    }

    /** One round for the given watches; returns whether any task changed status. */
    private boolean poll(TatClient client, List<PolledWatch> active) {
        for (PolledWatch w : active) {
            w.startRound();
        }
        Map<String, List<PolledWatch>> byId = new LinkedHashMap<>();
        for (PolledWatch w : active) {
            if (w.expireIfLate()) {
                continue;
            }
            byId.computeIfAbsent(w.invocationId, id -> new ArrayList<>()).add(w);
        }
        List<String> ids = new ArrayList<>(byId.keySet());
        boolean changed = false;

        // 1. Every invocation's status and its tasks', 100 invocations a request.
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
            List<PolledWatch> involved = watchesOf(byId, chunk);
            Map<String, Invocation> found = new HashMap<>();
            try {
                for (Invocation i : client.describeInvocations(DescribeInvocationsRequest.builder()
                        .invocationIds(chunk).limit(PAGE).build()).invocations()) {
                    found.put(i.invocationId(), i);
                }
            } catch (TatException e) {
                handle(e, involved);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return changed;
            } finally {
                involved.forEach(PolledWatch::countCall);
            }
            for (String id : chunk) {
                for (PolledWatch w : byId.get(id)) {
                    changed |= w.observe(found.get(id));
                }
            }
        }

        // 2. Invocations too large to trust their basic info: list their tasks once, 100 a page.
        for (List<PolledWatch> same : byId.values()) {
            PolledWatch first = same.get(0);
            if (first.needsListing() && !first.isDone()) {
                try {
                    changed |= list(client, same);
                } catch (TatException e) {
                    handle(e, same);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return changed;
                }
            }
        }

        // 3. Tasks to read in full: those that just ended, and the unfinished ones of large
        //    invocations (their status is not in the basic info), 100 task IDs a request.
        Map<String, List<PolledWatch>> wanted = new LinkedHashMap<>();
        for (List<PolledWatch> same : byId.values()) {
            for (PolledWatch w : same) {
                for (String taskId : w.tasksToRead()) {
                    wanted.computeIfAbsent(taskId, t -> new ArrayList<>()).add(w);
                }
            }
        }
        List<String> taskIds = new ArrayList<>(wanted.keySet());
        for (int from = 0; from < taskIds.size(); from += PAGE) {
            List<String> chunk = taskIds.subList(from, Math.min(taskIds.size(), from + PAGE));
            List<PolledWatch> involved = watchesOf(wanted, chunk);
            try {
                DescribeInvocationTasksResponse page = client.describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                        .invocationTaskIds(chunk).limit(PAGE).build());
                for (InvocationTask task : page.tasks()) {
                    for (PolledWatch w : wanted.getOrDefault(task.invocationTaskId(), List.of())) {
                        changed |= w.read(task);
                    }
                }
            } catch (TatException e) {
                handle(e, involved);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return changed;
            } finally {
                involved.forEach(PolledWatch::countCall);
            }
        }

        // 4. Watches whose every task is reported end; the others hear the progress.
        for (List<PolledWatch> same : byId.values()) {
            for (PolledWatch w : same) {
                w.endRound();
            }
        }
        return changed;
    }

    private boolean list(TatClient client, List<PolledWatch> same) throws InterruptedException {
        boolean changed = false;
        Map<String, InvocationTask> all = new LinkedHashMap<>();
        long total = Long.MAX_VALUE;
        String id = same.get(0).invocationId;
        for (long offset = 0; offset < total; offset += PAGE) {
            DescribeInvocationTasksResponse page;
            try {
                page = client.describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                        .filter("invocation-id", id).offset(offset).limit(PAGE).build());
            } finally {
                same.forEach(PolledWatch::countCall);
            }
            total = page.totalCount();
            page.tasks().forEach(t -> all.put(t.invocationTaskId(), t));
            if (page.tasks().isEmpty()) {
                break;
            }
        }
        if (total != Long.MAX_VALUE && all.size() >= total) {
            for (PolledWatch w : same) {
                changed |= w.listed(all.values());
            }
        }
        return changed;
    }

    /**
     * A failed request: an error that will not pass (the key cannot read, say, or STS will not give
     * a temporary key for it) ends the watches it was for; anything else (throttling, a network fault the retries did not overcome) waits for
     * the next round, bounded by each watch's own timeout.
     */
    private static void handle(TatException e, List<PolledWatch> involved) {
        boolean willNotPass = e instanceof TencentCloudApiException api
                ? !RetryPolicy.isRetryable(TatAction.DESCRIBE_INVOCATIONS, api)
                : e instanceof TemporaryKeyException noKey && !noKey.mayPass(); // e.g. the role no longer exists
        if (willNotPass) {
            involved.forEach(w -> w.future.completeExceptionally(e));
        } else {
            LOGGER.log(Level.FINE, "TAT poll failed; trying again in the next round: {0}", e.getMessage());
            involved.forEach(w -> w.lastFailure = e);
        }
    }

    private static List<PolledWatch> watchesOf(Map<String, List<PolledWatch>> map, List<String> keys) {
        List<PolledWatch> out = new ArrayList<>();
        for (String k : keys) {
            for (PolledWatch w : map.getOrDefault(k, List.of())) {
                if (!out.contains(w)) {
                    out.add(w);
                }
            }
        }
        return out;
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
