package io.gyre.runtime.internal;

import io.gyre.runtime.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * Reports virtual threads pinned to their carrier, from JFR's {@code jdk.VirtualThreadPinned}
 * events streamed in-process.
 */
final class PinnedWatch {
    /*
     * Overview: opening a RecordingStream initialises JFR, which costs a few hundred
     * milliseconds of CPU, so start() does it on its own daemon thread and the runner never
     * waits for it. That thread first waits START_DELAY: on a small machine JFR's set-up would
     * otherwise share the core with the app's start-up and delay its first response by tens of
     * milliseconds. Pins that happen before the stream runs are not seen. JFR delivers events in
     * batches (about once a second), so a report arrives up to a second after the pin.
     *
     * Threads: `stream` is written by the starter thread and read by close() under `this`;
     * `closed` (under `this`) makes a close() that races with the start win; `closing` ends the
     * starter's wait early.
     */
    private static final String EVENT = "jdk.VirtualThreadPinned";
    /** How long after the runner started the stream is opened. */
    static final Duration START_DELAY = Duration.ofSeconds(1);

    private final String name;
    private final Duration threshold;
    private final Consumer<Report> reporter;
    private final Function<String, Optional<String>> taskNamed;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private RecordingStream stream;
    private boolean closed;

    PinnedWatch(String name, Duration threshold, Consumer<Report> reporter,
            Function<String, Optional<String>> taskNamed) {
        this.name = name;
        this.threshold = threshold;
        this.reporter = reporter;
        this.taskNamed = taskNamed;
    }

    void start() {
        Thread.ofPlatform().name(name).daemon(true).start(this::open);
    }

    private void open() {
        try {
            if (closing.await(START_DELAY.toNanos(), TimeUnit.NANOSECONDS)) {
                return; // closed before it started
            }
            RecordingStream s = new RecordingStream();
            s.enable(EVENT).withThreshold(threshold).withStackTrace();
            s.onEvent(EVENT, this::onPinned);
            synchronized (this) {
                if (closed) {
                    s.close();
                    return;
                }
                stream = s;
            }
            s.startAsync();
        } catch (RuntimeException | Error e) {
            reporter.accept(new Report.CallbackFailed(name, "starting the JFR stream that reports pinned virtual"
                    + " threads (reports of pinning are off)", e));
        } catch (InterruptedException e) {
            // only this class starts the thread, and it never interrupts it: end quietly
        } finally {
            started.countDown();
        }
    }

    /** Waits until the stream records (or failed to start); for tests. */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Tells whether the stream is open; for tests. */
    synchronized boolean recording() {
        return stream != null;
    }

    private void onPinned(RecordedEvent e) {
        RecordedThread t = e.getThread("eventThread");
        String thread = t == null ? "<unknown>" : String.valueOf(t.getJavaName());
        String reason = e.hasField("pinnedReason") ? String.valueOf(e.getString("pinnedReason")) : "reason unknown";
        reporter.accept(new Report.PinnedThread(thread, taskNamed.apply(thread), reason, e.getDuration(),
                stack(e.getStackTrace())));
    }

    private static List<StackTraceElement> stack(RecordedStackTrace trace) {
        if (trace == null) {
            return List.of();
        }
        List<StackTraceElement> out = new ArrayList<>();
        for (RecordedFrame f : trace.getFrames()) {
            if (!f.isJavaFrame()) {
                continue;
            }
            String cls = f.getMethod().getType().getName();
            if (out.isEmpty() && cls.startsWith("java.lang.VirtualThread")) {
                continue; // the frames that post the event
            }
            out.add(new StackTraceElement(cls, f.getMethod().getName(), null, f.getLineNumber()));
        }
        return out;
    }

    void close() {
        closing.countDown();
        RecordingStream s;
        synchronized (this) {
            closed = true;
            s = stream;
            stream = null;
        }
        if (s != null) {
            s.close();
        }
    }
}
