package io.gyre.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A reporter that keeps every report and lets a test wait for the first one of a kind. */
final class ReportWaiter implements Consumer<Report> {
    private final List<Report> reports = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void accept(Report r) {
        reports.add(r);
        notifyAll();
    }

    /** Every report of {@code type} so far. */
    <R extends Report> List<R> all(Class<R> type) {
        return reports.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits (at most 10 s) for the first report of {@code type} matching {@code test}. */
    <R extends Report> R await(Class<R> type, Predicate<R> test) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        synchronized (this) {
            while (true) {
                for (R r : all(type)) {
                    if (test.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " report arrived within 10 s; got "
                            + reports);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** Waits for the first report of {@code type}. */
    <R extends Report> R await(Class<R> type) throws InterruptedException {
        return await(type, r -> true);
    }
}
