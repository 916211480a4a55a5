package io.gyre.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a statistics() condition with a bounded deadline, for states that have no event of their own. */
final class Until {
    private Until() {
    }

    static void holds(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up waiting until " + what);
            }
            LockSupport.parkNanos(50_000);
        }
    }
}
