package io.gyre.server.internal;

import io.gyre.server.ServerStatistics;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The server's counters; updated from loops and handler threads, read by statistics(). */
final class Counters {
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger active = new AtomicInteger();
    final AtomicLong served = new AtomicLong();
    private final AtomicLong requestBytes = new AtomicLong();
    private final AtomicLong responseBytes = new AtomicLong();
    private final AtomicLong peakRequestBytes = new AtomicLong();
    private final AtomicLong peakResponseBytes = new AtomicLong();

    void requestBytes(long delta) {
        peak(peakRequestBytes, requestBytes.addAndGet(delta));
    }

    void responseBytes(long delta) {
        peak(peakResponseBytes, responseBytes.addAndGet(delta));
    }

    private static void peak(AtomicLong peak, long now) {
        long p;
        while (now > (p = peak.get()) && !peak.compareAndSet(p, now)) {
            Thread.onSpinWait();
        }
    }

    ServerStatistics snapshot() {
        return new ServerStatistics(connections.get(), active.get(), served.get(), requestBytes.get(),
                responseBytes.get(), peakRequestBytes.get(), peakResponseBytes.get());
    }
}
