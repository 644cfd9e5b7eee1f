package io.jenkins.plugins.tat.client.watch;

import java.time.Duration;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of every {@link SharedPoller} in this JVM: one timer thread, which only starts
 * rounds and ends watches at their wait timeouts (it waits for no lock a round may hold, and
 * sends nothing; what it runs besides is what the waits' own callers do when a wait times out),
 * and a bounded pool on which rounds send their requests.
 *
 * <p><b>Why a bounded pool that grows only when it must.</b> A round's request blocks its thread
 * until the answer comes or the request times out; a poller runs one round at a time, so a hung
 * endpoint holds one thread of the pool and no more. The pool starts a thread only when no
 * thread is idle, up to {@value #ROUND_THREADS}: a JVM polling one key (a thousand waits of one
 * Jenkins controller) uses one or two, while up to {@value #ROUND_THREADS} endpoints, keys or
 * regions may hang at once before a healthy poller's round has to queue for a thread. Beyond
 * that, rounds queue in the order they became due (fair between pollers), and a hung round gives
 * its thread back at its request timeout at the latest.
 */
final class PollerThreads {

    /** The most threads that run rounds at once. */
    static final int ROUND_THREADS = 8;
    private static final Duration IDLE_TIME = Duration.ofSeconds(30);

    private static ScheduledThreadPoolExecutor timers;
    private static ThreadPoolExecutor rounds;
    /** Counts the shutdowns, so that a round from before one does not start the threads again. */
    private static int generation;

    private PollerThreads() {}

    /** Runs {@code task} on the timer thread after {@code delay}; it must not block. */
    static synchronized ScheduledFuture<?> timer(Runnable task, Duration delay) {
        if (timers == null) {
            timers = new ScheduledThreadPoolExecutor(1, threads("tat-poller-timer"));
            timers.setRemoveOnCancelPolicy(true);
        }
        return timers.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** @return how many times the threads were shut down */
    static synchronized int generation() {
        return generation;
    }

    /** Runs a round's next part on the pool. */
    static void run(Runnable round) {
        pool().execute(round);
    }

    private static synchronized ThreadPoolExecutor pool() {
        if (rounds == null) {
            HandOffQueue queue = new HandOffQueue();
            rounds = new ThreadPoolExecutor(1, ROUND_THREADS, IDLE_TIME.toSeconds(), TimeUnit.SECONDS, queue,
                    threads("tat-poller"), queue);
        }
        return rounds;
    }

    /** Stops the timer and the pool, interrupting running rounds; later use starts new ones. */
    static void shutdown() {
        ScheduledThreadPoolExecutor t;
        ThreadPoolExecutor r;
        synchronized (PollerThreads.class) {
            t = timers;
            r = rounds;
            timers = null;
            rounds = null;
            generation++;
        }
        if (t != null) {
            t.shutdownNow();
        }
        if (r != null) {
            r.shutdownNow();
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            // Not the creating thread's loader (in Jenkins, perhaps a build's script loader,
            // which a long-lived thread must not keep alive): the library's own.
            t.setContextClassLoader(PollerThreads.class.getClassLoader());
            return t;
        };
    }

    /**
     * A queue that takes a task only if an idle thread takes it at once, so that the pool starts
     * a thread instead of queueing while it is below its maximum; at the maximum, the pool hands
     * the task back ({@link #rejectedExecution}) and it is queued for real.
     */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> implements RejectedExecutionHandler {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        @Override
        public void rejectedExecution(Runnable task, ThreadPoolExecutor pool) {
            if (!pool.isShutdown()) {
                super.offer(task); // the one thread that never idles out takes it in turn
            }
        }
    }
}
