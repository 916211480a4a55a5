package io.gyre.bench.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * A reusable one-waiter completion flag: the benchmark thread arms and awaits it, a loop or
 * executor thread fires it. Allocation-free, so round-trip numbers measure the hop only.
 */
final class Signal implements Runnable {
    private volatile boolean fired;
    private volatile Thread waiter;

    void arm() {
        waiter = Thread.currentThread();
        fired = false;
    }

    void await() {
        while (!fired) {
            LockSupport.park(this);
        }
    }

    @Override
    public void run() {
        fired = true;
        LockSupport.unpark(waiter);
    }
}
