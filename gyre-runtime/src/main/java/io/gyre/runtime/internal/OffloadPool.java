package io.gyre.runtime.internal;

import io.gyre.runtime.ClosedException;
import io.gyre.runtime.Report;
import io.gyre.runtime.TaskBody;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The runner's bounded pool of platform threads for blocking or CPU-heavy work.
 */
public final class OffloadPool {
    /*
     * Overview: a fixed-size ThreadPoolExecutor whose daemon threads start on first use and die
     * after a minute idle, with an unbounded queue (work waits for a thread, it is never
     * refused while the runner runs). `running` holds the jobs on a thread now, for the
     * shutdown report. Shutdown: refuse new work, abandon (interrupt) every job, wait until
     * the runner's deadline, report the jobs still running, then drop the queue.
     *
     * Threads: `executor` is created once under `this`; `running` is concurrent.
     */
    private final String name;
    private final int size;
    private final Consumer<Report> reporter;
    private final Set<OffloadJob<?>> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private ThreadPoolExecutor executor;
    private boolean closed;

    OffloadPool(String name, int size, Consumer<Report> reporter) {
        this.name = name;
        this.size = size;
        this.reporter = reporter;
    }

    /**
     * Runs {@code body} on a pool thread with the caller's scoped values and waits for it.
     *
     * @param <T> the result type
     * @param description what the work is, for reports
     * @param body the work
     * @return its result
     */
    public static <T> T run(String description, TaskBody<T> body) {
        TaskImpl<?> task = TaskImpl.current();
        if (task == null) {
            if (LoopImpl.current() != null) {
                throw new IllegalStateException("Offload.run('" + description + "') was called on loop thread '"
                        + Thread.currentThread().getName() + "', where waiting for it would block the loop."
                        + " Spawn a task (Scope.spawn) and offload from there.");
            }
            TaskImpl.requireCurrent("Offload.run('" + description + "')");
        }
        task.checkpoint();
        OffloadJob<T> job = new OffloadJob<>(task.core.services().offload(), description, task.name(),
                ContextSnapshot.capture(), body);
        job.submit();
        return job.await(task);
    }

    synchronized void submit(OffloadJob<?> job) {
        if (closed) {
            throw new ClosedException("the offload pool of runner '" + name + "' is closed (the runner is shutting"
                    + " down); " + Caller.describe() + " tried to offload '" + job.description + "'. Offload from"
                    + " tasks that end before the runner's shutdown.");
        }
        if (executor == null) {
            executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> Thread.ofPlatform().name(name + "-offload-" + threads.incrementAndGet()).daemon(true)
                            .unstarted(r));
            executor.allowCoreThreadTimeOut(true);
        }
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("internal error: offload pool of runner '" + name + "' refused a job"
                    + " while open (please report)", e);
        }
    }

    void running(OffloadJob<?> job, boolean on) {
        if (on) {
            running.add(job);
        } else {
            running.remove(job);
        }
    }

    /** Jobs on a pool thread now. */
    List<OffloadJob<?>> running() {
        return List.copyOf(running);
    }

    /**
     * Closes the pool: interrupts every job and waits for the pool threads until {@code deadline}
     * ({@link System#nanoTime()}); reports the jobs still running.
     *
     * @param deadline when to stop waiting
     * @param situation what waited, for the report
     */
    void shutdown(long deadline, String situation) {
        ThreadPoolExecutor ex;
        synchronized (this) {
            closed = true;
            ex = executor;
        }
        if (ex == null) {
            return;
        }
        ex.shutdown();
        for (OffloadJob<?> job : running()) {
            job.abandon();
        }
        boolean interrupted = false;
        boolean ended = false;
        while (true) {
            try {
                ended = ex.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // shutdown must not be cut short
            }
        }
        if (!ended) {
            reportRunning(situation);
            ex.shutdownNow();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reports every job still on a pool thread. */
    void reportRunning(String situation) {
        for (OffloadJob<?> job : running()) {
            Thread t = job.worker();
            if (t != null) {
                reporter.accept(new Report.OffloadStraggler(job.description, job.owner, t.getName(),
                        Duration.ofNanos(System.nanoTime() - job.startedAt()), List.of(t.getStackTrace()), situation));
            }
        }
    }
}
