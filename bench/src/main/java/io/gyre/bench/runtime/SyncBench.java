package io.gyre.bench.runtime;

import io.gyre.runtime.Held;
import io.gyre.runtime.Lock;
import io.gyre.runtime.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Acquire/release of Gyre's {@link Lock} and {@link Semaphore} (in Gyre tasks) versus
 * {@link ReentrantLock} and {@link java.util.concurrent.Semaphore} (in virtual threads), in ns
 * per acquire/release pair. Uncontended: one worker. Contended: {@value #CONTENDERS} workers on
 * one lock, or on a semaphore of {@value #PERMITS} permits. Target: Gyre within 1.5x of the JDK.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SyncBench extends GyreBench {
    static final int OPS = 100_000;
    static final int CONTENDERS = 4;
    static final int PERMITS = 2;

    private final Lock lock = Lock.create("bench");
    private final ReentrantLock jdkLock = new ReentrantLock();
    /** Gyre's lock is FIFO; the like-for-like JDK baseline is a fair ReentrantLock. */
    private final ReentrantLock jdkFairLock = new ReentrantLock(true);
    private final Semaphore semaphore = Semaphore.create(PERMITS);
    private final java.util.concurrent.Semaphore jdkSemaphore = new java.util.concurrent.Semaphore(PERMITS);
    private long counter;

    private void gyreLock(int ops) {
        for (int i = 0; i < ops; i++) {
            try (Held _ = lock.acquire()) {
                counter++;
            }
        }
    }

    private void jdkFairLock(int ops) {
        for (int i = 0; i < ops; i++) {
            jdkFairLock.lock();
            try {
                counter++;
            } finally {
                jdkFairLock.unlock();
            }
        }
    }

    private void jdkLock(int ops) {
        for (int i = 0; i < ops; i++) {
            jdkLock.lock();
            try {
                counter++;
            } finally {
                jdkLock.unlock();
            }
        }
    }

    private void gyreSemaphore(int ops) {
        for (int i = 0; i < ops; i++) {
            try (Held _ = semaphore.acquire()) {
                Thread.onSpinWait();
            }
        }
    }

    private void jdkSemaphore(int ops) throws InterruptedException {
        for (int i = 0; i < ops; i++) {
            jdkSemaphore.acquire();
            try {
                Thread.onSpinWait();
            } finally {
                jdkSemaphore.release();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void lockUncontendedGyre() {
        Workers.gyre(supervisor, 1, w -> gyreLock(OPS));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void lockUncontendedJdk() throws InterruptedException {
        Workers.raw(1, w -> jdkLock(OPS));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void lockContendedGyre() {
        Workers.gyre(supervisor, CONTENDERS, w -> gyreLock(OPS / CONTENDERS));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void lockContendedJdk() throws InterruptedException {
        Workers.raw(CONTENDERS, w -> jdkLock(OPS / CONTENDERS));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void lockContendedJdkFair() throws InterruptedException {
        Workers.raw(CONTENDERS, w -> jdkFairLock(OPS / CONTENDERS));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void semaphoreUncontendedGyre() {
        Workers.gyre(supervisor, 1, w -> gyreSemaphore(OPS));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void semaphoreUncontendedJdk() throws InterruptedException {
        Workers.raw(1, w -> jdkSemaphore(OPS));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void semaphoreContendedGyre() {
        Workers.gyre(supervisor, CONTENDERS, w -> gyreSemaphore(OPS / CONTENDERS));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void semaphoreContendedJdk() throws InterruptedException {
        Workers.raw(CONTENDERS, w -> jdkSemaphore(OPS / CONTENDERS));
    }
}
