package io.gyre.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Collects reports for assertions; latches let a test wait for the n-th one. */
final class Recorder implements Consumer<Report> {
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch latch = new CountDownLatch(1);

    @Override
    public void accept(Report r) {
        reports.add(r);
        latch.countDown();
    }

    List<Report> reports() {
        return reports;
    }

    <R extends Report> List<R> of(Class<R> type) {
        return reports.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void expect(int n) {
        latch = new CountDownLatch(n);
    }

    boolean await() throws InterruptedException {
        return latch.await(10, TimeUnit.SECONDS);
    }

    RunnerConfig config() {
        return RunnerConfig.builder().reporter(this).loops(2).build();
    }
}
