package io.gyre.runtime.internal;

import io.gyre.runtime.ClosedException;
import io.gyre.runtime.IoHandler;
import io.gyre.runtime.Loop;
import io.gyre.runtime.LoopState;
import io.gyre.runtime.Report;
import io.gyre.runtime.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The selector loop.
 */
public final class LoopImpl implements Loop {
    /*
     * Overview: one platform thread runs iterations of (select with the time until the next
     * timer) -> I/O handlers -> move remote callbacks and due timers into the ready queue ->
     * run the callbacks that were ready when the batch started. Callbacks queued during a batch
     * run in the next one (asyncio's order).
     *
     * Threads: `ready`, `timers`, `stopSeen` are loop-thread only. `remote` is an MPSC queue
     * written by any thread; a writer wakes the selector only if `sleeping` is set, which the
     * loop sets before it re-checks its queues and blocks (Dekker-style: both sides write a
     * volatile then read the other's). `state` is volatile; transitions go through
     * `transition` under `this`.
     */
    private final String name;
    private final Selector selector;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> remote = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<TimerImpl> timers = new PriorityQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final AtomicInteger cancelledTimers = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Consumer<Report> reporter;
    private final LoopWatch watch = new LoopWatch();
    private volatile LoopState state = LoopState.NEW;
    private volatile ExceptionHandler exceptionHandler;
    private volatile Thread thread;
    private volatile String closedBy;
    private volatile LocalTime closedAt;
    private long timerSeq;
    /** The runner owning this loop, or null for a standalone loop. */
    final RuntimeCore core;
    private static final ThreadLocal<LoopImpl> CURRENT = new ThreadLocal<>();
    /** Task threads started during this turn; loop thread only. */
    private final StartBatch starts;

    /**
     * Returns the loop whose thread is calling.
     *
     * @return the loop, or {@code null} on other threads
     */
    public static LoopImpl current() {
        return Thread.currentThread().isVirtual() ? null : CURRENT.get();
    }

    /**
     * Creates a loop whose reports go to the system logger.
     *
     * @param name the loop's name
     */
    public LoopImpl(String name) {
        this(name, Reports.LOGGER, null);
    }

    LoopImpl(String name, Consumer<Report> reporter, RuntimeCore core) {
        this.name = name;
        this.reporter = reporter;
        this.core = core;
        this.starts = new StartBatch(name);
        this.exceptionHandler = (loop, description, failure) ->
                reporter.accept(new Report.CallbackFailed(loop.name(), description, failure));
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for loop '" + name + "'", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LoopState state() {
        return state;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long time() {
        return System.nanoTime();
    }

    /**
     * Returns the watch that records what the loop thread is running (for the blocked-loop
     * watchdog).
     *
     * @return the watch
     */
    public LoopWatch watch() {
        return watch;
    }

    /**
     * Tells whether debug-mode checks are on: the owning runner's debug mode, or
     * {@code GYRE_DEBUG=1} (or {@code -Dgyre.debug=true}) for a loop without a runner.
     *
     * @return {@code true} in debug mode
     */
    public boolean debug() {
        return core != null ? core.debug() : STANDALONE_DEBUG;
    }

    private static final boolean STANDALONE_DEBUG = "1".equals(System.getenv("GYRE_DEBUG"))
            || Boolean.getBoolean("gyre.debug");

    /**
     * Returns the loop's thread, once started.
     *
     * @return the thread, or {@code null} before {@link #start()}
     */
    public Thread thread() {
        return thread;
    }

    @Override
    public void callSoon(Runnable callback) {
        if (Thread.currentThread() == thread) {
            if (state == LoopState.CLOSED) {
                throw closedError("schedule a callback (callSoon)");
            }
            ready.add(callback);
        } else {
            post(callback, "schedule a callback (callSoon)");
        }
    }

    @Override
    public void callSoon(String description, Runnable callback) {
        callSoon(new Described(description, callback));
    }

    @Override
    public void execute(Runnable command) {
        callSoon(command);
    }

    private void post(Runnable callback, String what) {
        if (state == LoopState.CLOSED) {
            throw closedError(what);
        }
        remote.offer(callback);
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
        if (state == LoopState.CLOSED && remote.remove(callback)) {
            throw closedError(what);
        }
    }

    @Override
    public Timer callLater(Duration delay, Runnable callback) {
        return callAt(System.nanoTime() + delay.toNanos(), Described.describe(callback), callback);
    }

    @Override
    public Timer callAt(long deadlineNanos, String description, Runnable callback) {
        TimerImpl t = new TimerImpl(this, deadlineNanos, description, callback);
        if (Thread.currentThread() == thread) {
            if (state == LoopState.CLOSED) {
                throw closedError("schedule a timer (" + description + ")");
            }
            addTimer(t);
        } else {
            post(() -> addTimer(t), "schedule a timer (" + description + ")");
        }
        return t;
    }

    private void addTimer(TimerImpl t) {
        t.seq = ++timerSeq; // stamped on the loop thread: equal deadlines keep scheduling order
        timers.add(t);
    }

    void timerCancelled() {
        cancelledTimers.incrementAndGet();
    }

    @Override
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) {
        if (Thread.currentThread() != thread) {
            throw new WrongThreadException("Loop '" + name + "': register() must be called on the loop thread, but "
                    + Caller.describe() + " called it. Post the registration with loop.callSoon(...) instead.");
        }
        if (state == LoopState.CLOSED) {
            throw closedError("register a channel");
        }
        try {
            return channel.register(selector, ops, handler);
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("Loop '" + name + "': cannot register a closed channel " + channel, e);
        }
    }

    @Override
    public void exceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = java.util.Objects.requireNonNull(handler, "handler");
    }

    @Override
    public synchronized void start() {
        if (state != LoopState.NEW) {
            throw new IllegalStateException("Loop '" + name + "' cannot start: it is " + state
                    + (state == LoopState.CLOSED ? " (closed by " + closedBy + " at " + closedAt + ")" : "")
                    + "; a loop starts once. Create a new loop instead.");
        }
        state = LoopState.RUNNING;
        Thread t = Thread.ofPlatform().name(name).daemon(true).unstarted(this::runLoop);
        thread = t;
        t.start();
    }

    @Override
    public void stop(String by) {
        synchronized (this) {
            switch (state) {
                case NEW -> {
                    closeNow(by);
                    return;
                }
                case RUNNING -> {
                    closedBy = by;
                    state = LoopState.STOPPING;
                }
                default -> {
                    return;
                }
            }
        }
        selector.wakeup();
    }

    private void closeNow(String by) {
        closedBy = by;
        closedAt = LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
        state = LoopState.CLOSED;
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing registered on a loop that never ran
        }
        closed.countDown();
    }

    @Override
    public boolean awaitClosed(Duration timeout) {
        if (inLoop()) {
            throw new WrongThreadException("Loop '" + name + "': awaitClosed() called on the loop's own thread"
                    + " would wait forever; call it from another thread");
        }
        try {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            TaskImpl.checkpointIfTask();
            return false;
        }
    }

    ClosedException closedError(String what) {
        return new ClosedException("Loop '" + name + "' is closed (closed by " + closedBy + " at " + closedAt + "); "
                + Caller.describe() + " tried to " + what + ". Start the work in a scope that ends before the loop"
                + " closes, e.g. a TaskGroup inside the main task or the app lifespan.");
    }

    // ------------------------------------------------------------------------------- the loop

    private void runLoop() {
        CURRENT.set(this);
        try {
            while (true) {
                if (state == LoopState.STOPPING) {
                    drainRemote();
                    runReady();
                    break; // finish() drains again and starts the held tasks
                }
                select();
                drainRemote();
                runDueTimers();
                runReady();
                starts.startAll();
            }
        } catch (Throwable t) {
            reporter.accept(new Report.CallbackFailed(name, "internal error: the loop itself failed (please report)",
                    t));
        } finally {
            finish();
        }
    }

    private void select() {
        try {
            long timeoutMillis = selectTimeoutMillis(); // -1: poll, 0: block until woken
            if (timeoutMillis >= 0) {
                sleeping.set(true);
                if (!remote.isEmpty() || state != LoopState.RUNNING) {
                    sleeping.set(false);
                    timeoutMillis = -1;
                }
            }
            if (timeoutMillis < 0) {
                selector.selectNow(this::dispatch);
            } else {
                selector.select(this::dispatch, timeoutMillis);
            }
            sleeping.set(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long select() may block: -1 to poll, 0 for no timer, else milliseconds (rounded up). */
    private long selectTimeoutMillis() {
        if (!ready.isEmpty()) {
            return -1;
        }
        TimerImpl next = nextTimer();
        if (next == null) {
            return 0;
        }
        long left = next.deadline - System.nanoTime();
        return left <= 0 ? -1 : (left + 999_999) / 1_000_000;
    }

    private void dispatch(SelectionKey key) {
        IoHandler h = (IoHandler) key.attachment();
        watch.begin(h);
        try {
            h.ready(key);
        } catch (Throwable t) {
            fail("I/O handler " + h, t);
        } finally {
            watch.end();
        }
    }

    private TimerImpl nextTimer() {
        TimerImpl t;
        while ((t = timers.peek()) != null && t.isCancelled()) {
            timers.poll();
            cancelledTimers.decrementAndGet();
        }
        if (cancelledTimers.get() > 64 && cancelledTimers.get() > timers.size() / 2) {
            timers.removeIf(x -> {
                if (x.isCancelled()) {
                    cancelledTimers.decrementAndGet();
                    return true;
                }
                return false;
            });
        }
        return t;
    }

    private void drainRemote() {
        Runnable r;
        while ((r = remote.poll()) != null) {
            ready.add(r);
        }
    }

    private void runDueTimers() {
        if (timers.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        TimerImpl t;
        while ((t = nextTimer()) != null && t.deadline - now <= 0) {
            timers.poll();
            t.done = true;
            ready.add(t);
        }
    }

    private void runReady() {
        for (int n = ready.size(); n > 0; n--) {
            Runnable r = ready.poll();
            if (r instanceof TimerImpl t) {
                if (t.isCancelled()) {
                    cancelledTimers.decrementAndGet();
                    continue;
                }
                r = new Described(t.description, t.callback);
            }
            watch.begin(r);
            try {
                r.run();
            } catch (Throwable e) {
                fail(Described.describe(r), e);
            } finally {
                watch.end();
            }
        }
    }

    private void fail(String description, Throwable t) {
        try {
            exceptionHandler.handle(this, description, t);
        } catch (Throwable again) {
            again.addSuppressed(t);
            reporter.accept(new Report.CallbackFailed(name, "exception handler for '" + description + "'", again));
        }
    }

    private void finish() {
        synchronized (this) {
            closedAt = LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
            if (closedBy == null) {
                closedBy = "the loop's own failure";
            }
            state = LoopState.CLOSED;
        }
        drainRemote();
        runReady();
        starts.startAll();
        // a copy: a handler told of the close may cancel or close other keys of this selector
        for (SelectionKey k : List.copyOf(selector.keys())) {
            if (k.isValid() && k.attachment() instanceof IoHandler h) {
                watch.begin(h);
                try {
                    h.loopClosed(k); // its owner's state follows the channel (counts, waiters)
                } catch (Throwable t) {
                    fail("I/O handler " + h + " told that the loop closed", t);
                } finally {
                    watch.end();
                }
            }
            try {
                k.channel().close();
            } catch (IOException ignored) {
                // closing a channel the owner left open; nothing else to do
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // the selector is gone either way
        }
        timers.clear();
        closed.countDown();
    }

    @Override
    public String toString() {
        return "Loop[" + name + ", " + state + "]";
    }

    /** Loop thread: starts {@code t}'s thread at the end of this turn of the loop (see StartBatch). */
    void startAtEndOfTurn(TaskImpl<?> t) {
        starts.add(t);
    }

    /**
     * On a loop thread about to block (which the watchdog reports): starts the tasks held for the
     * end of this turn now, so that what the loop waits for can happen at all.
     */
    static void startHeldBeforeBlocking() {
        LoopImpl loop = current();
        if (loop != null) {
            loop.starts.startAll();
        }
    }
}
