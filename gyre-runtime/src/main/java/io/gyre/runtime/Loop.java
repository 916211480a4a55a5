package io.gyre.runtime;

import io.gyre.runtime.internal.LoopImpl;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * An event loop: one platform thread running an NIO selector (epoll on Linux), due timers, and
 * callbacks posted from any thread. The uvloop/libuv part of Gyre.
 *
 * <p>Callbacks run in FIFO order; a callback posted while the loop runs its batch runs in the
 * next iteration, as in asyncio. Each iteration of a running loop begins with a selection, which
 * also drops the keys cancelled since the previous one: a callback posted after the callback that
 * cancelled a key has run finds the key's channel no longer registered, so closing the channel
 * there closes its socket at once. A failing callback is handed to the loop's exception handler
 * (with its description) and the loop keeps running. Every operation on a closed loop throws a
 * {@link ClosedException} that names the loop, when and by whom it was closed, and who tried.
 *
 * <p>Thread-safety: {@link #callSoon}, {@link #callLater}, {@link #callAt}, {@link #execute},
 * {@link #stop(String)} and the getters may be called from any thread; posting from another thread
 * wakes the selector only when it sleeps. {@link #register} is confined to the loop thread.
 */
public sealed interface Loop extends Executor permits LoopImpl {

    /** Handles a callback that threw. */
    @FunctionalInterface
    interface ExceptionHandler {
        /**
         * Called on the loop thread after a callback threw.
         *
         * @param loop the loop
         * @param description what the callback was
         * @param failure what it threw
         */
        void handle(Loop loop, String description, Throwable failure);
    }

    /**
     * Creates a loop in state {@link LoopState#NEW}, not owned by any runner.
     *
     * @param name the loop's (and its thread's) name
     * @return the new loop
     */
    static Loop create(String name) {
        return new LoopImpl(name);
    }

    /**
     * Returns the loop's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the loop's state.
     *
     * @return the state
     */
    LoopState state();

    /**
     * Tells whether the caller runs on this loop's thread.
     *
     * @return {@code true} on the loop thread
     */
    boolean inLoop();

    /**
     * Returns the loop's monotonic time ({@link System#nanoTime()}).
     *
     * @return now, in nanoseconds
     */
    long time();

    /**
     * Runs {@code callback} on the loop thread soon, after callbacks already queued.
     *
     * @param callback the callback
     * @throws ClosedException if the loop is closed
     */
    void callSoon(Runnable callback);

    /**
     * Like {@link #callSoon(Runnable)} with a description used in failure and blocking reports.
     *
     * @param description what the callback does
     * @param callback the callback
     * @throws ClosedException if the loop is closed
     */
    void callSoon(String description, Runnable callback);

    /**
     * Same as {@link #callSoon(Runnable)}.
     *
     * @param command the callback
     * @throws ClosedException if the loop is closed
     */
    @Override
    void execute(Runnable command);

    /**
     * Runs {@code callback} on the loop thread once {@code delay} has passed.
     *
     * @param delay how long from now
     * @param callback the callback
     * @return a handle to cancel it
     * @throws ClosedException if the loop is closed
     */
    Timer callLater(Duration delay, Runnable callback);

    /**
     * Runs {@code callback} on the loop thread at {@code deadlineNanos} ({@link #time()} clock).
     *
     * @param deadlineNanos when
     * @param description what the callback does
     * @param callback the callback
     * @return a handle to cancel it
     * @throws ClosedException if the loop is closed
     */
    Timer callAt(long deadlineNanos, String description, Runnable callback);

    /**
     * Registers a channel with the loop's selector.
     *
     * @param channel a non-blocking channel
     * @param ops the interest set ({@link SelectionKey#OP_READ} ...)
     * @param handler receives readiness on the loop thread
     * @return the selection key
     * @throws WrongThreadException if not called on the loop thread
     * @throws ClosedException if the loop is closed
     */
    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler);

    /**
     * Replaces the handler for failing callbacks (the default reports them).
     *
     * @param handler the new handler
     */
    void exceptionHandler(ExceptionHandler handler);

    /**
     * Starts the loop thread.
     *
     * @throws IllegalStateException if the loop is not {@link LoopState#NEW}
     */
    void start();

    /**
     * Asks the loop to stop: queued callbacks still run, then each channel still registered is
     * closed (its handler told first, see {@link IoHandler#loopClosed}), then the loop closes its
     * selector and its thread ends. Idempotent.
     *
     * @param by who is closing it, quoted in later errors (e.g. "Runner 'main' shutdown")
     */
    void stop(String by);

    /**
     * Waits for the loop to be {@link LoopState#CLOSED}. Blocking.
     *
     * @param timeout the bound
     * @return {@code true} if it closed in time
     */
    boolean awaitClosed(Duration timeout);
}
