package io.gyre.runtime.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.TaskBody;
import io.gyre.runtime.TaskFailedException;

/**
 * One piece of work handed to the offload pool, and the rendezvous between the task that waits
 * for it and the pool thread that runs it.
 *
 * @param <T> the result type
 */
final class OffloadJob<T> implements Runnable {
    /*
     * Locking: `this` guards `worker`, `abandoned`, `done`, `value`, `error`. The worker is
     * interrupted only under the monitor and only while `worker` is set, and the pool thread
     * clears `worker` under the monitor before it clears its interrupt flag, so an abandoned
     * job never leaves an interrupt behind on a pool thread that went on to other work.
     */
    private final OffloadPool pool;
    final String description;
    final String owner;
    private final ContextSnapshot context;
    private TaskBody<T> body;
    private Thread worker;
    private long startedAt;
    private boolean abandoned;
    private boolean done;
    private T value;
    private Throwable error;

    OffloadJob(OffloadPool pool, String description, String owner, ContextSnapshot context, TaskBody<T> body) {
        this.pool = pool;
        this.description = description;
        this.owner = owner;
        this.context = context;
        this.body = body;
    }

    void submit() {
        pool.submit(this);
    }

    @Override
    public void run() {
        TaskBody<T> b;
        synchronized (this) {
            if (abandoned) {
                done = true;
                return; // its waiter is gone: never start it
            }
            worker = Thread.currentThread();
            startedAt = System.nanoTime();
            b = body;
            body = null;
        }
        pool.running(this, true);
        Object[] out = new Object[2];
        try {
            context.run(() -> {
                try {
                    out[0] = b.run();
                } catch (Throwable t) {
                    out[1] = t;
                }
            });
        } finally {
            finish(out);
        }
    }

    @SuppressWarnings("unchecked")
    private void finish(Object[] out) {
        synchronized (this) {
            worker = null;
            done = true;
            value = (T) out[0];
            error = (Throwable) out[1];
            notifyAll();
        }
        Thread.interrupted(); // an interrupt meant for this job must not hit the next one
        pool.running(this, false);
    }

    /** Waits for the result as task {@code caller}; cancelling the caller abandons the job. */
    T await(TaskImpl<?> caller) {
        synchronized (this) {
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    CancelledException ce = TaskImpl.interrupted(caller);
                    abandon();
                    throw ce;
                }
            }
        }
        if (error == null) {
            return value;
        }
        if (error instanceof RuntimeException re) {
            throw re;
        }
        if (error instanceof Error err) {
            throw err;
        }
        throw new TaskFailedException(owner + " (offloaded: " + description + ")", error);
    }

    /** Interrupts the worker (or keeps the job from starting); any thread. */
    synchronized void abandon() {
        abandoned = true;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** The running worker and when it started, or null if not running. Under the monitor. */
    synchronized Thread worker() {
        return worker;
    }

    synchronized long startedAt() {
        return startedAt;
    }
}
