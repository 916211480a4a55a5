package io.gyre.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The output half of one connection: what handlers submit, counted against the high watermark,
 * queued in order (pipelined responses held back until their exchange reaches the head of the
 * line), and written to the socket as it takes it.
 */
final class ConnectionOutput {
    /*
     * Overview: handlers submit from their threads (submit, submitResponse, submitFile,
     * awaitWritable); everything else runs on the loop. A submit counts its bytes in
     * `outstanding` at once (admit: refused once closed), then posts them to the loop (hand, or
     * submitResponse's own post the handler's end can ride on), which queues them: small ones are
     * copied into the write buffer `wbuf`, the rest go to `out` in order, and flush() writes the
     * queue with one gathering write where it can.
     *
     * Threads: `outstanding` counts submitted bytes not yet written (atomic; any thread). Handler
     * writes wait on `writable` (under `gate`) while it is above the high watermark;
     * `writersWaiting` is changed under `gate` and read by the loop to skip the lock when no one
     * waits. `out`, `wbuf`, `flushScheduled` and `gather` are loop-only.
     *
     * Held output: an exchange not at the head of the line (not yet `released`) has what it
     * submits moved out of `outstanding` into its own `held`/`heldBytes` when the loop takes it;
     * release(ex) queues it when the exchange reaches the head of the line, discardHeld(ex)
     * forgets it when the connection gives up on the exchange. Its writer waits while its held
     * bytes plus `outstanding` are above the high watermark (see level).
     *
     * The connection is reached only through {@link Owner}: whether it is closed, the loop, and
     * what to do when the output needs new interest ops, is all written, or failed.
     */

    /** What the output needs from its connection; loop-only unless marked otherwise. */
    interface Owner {
        /** Any thread: whether the connection is still open. */
        boolean isOpen();

        /** Any thread: runs {@code r} on the loop; false if the loop is closed. */
        boolean post(Runnable r);

        /** Whether the loop is processing input; it flushes what was queued when it is done. */
        boolean processing();

        /** Whether more exchanges than the head of the line are in flight (their responses follow). */
        boolean moreInFlight();

        /** The queue changed: the interest ops may have to follow. */
        void updateInterest();

        /** Everything queued was written. */
        void flushed();

        /** A write to the socket failed: the connection must be cut. */
        void writeFailed(String why);

        /** The handler of {@code ex} ended (its end rode on the response's post). */
        void exchangeDone(Exchange ex);
    }

    /** Submitted buffers up to this size are copied into the write buffer instead of queued. */
    private static final int COPY_BYTES = 4096;
    /** {@code outstanding} once closed: far below zero, so a late count sees the close (see count). */
    private static final long CLOSED_OUTSTANDING = Long.MIN_VALUE / 2;

    private final Owner owner;
    private final LoopContext ctx;
    private final SocketChannel ch;
    private final InetSocketAddress peer;
    private final Counters counters;
    private final long high;
    private final ArrayDeque<Object> out = new ArrayDeque<>();
    private final AtomicLong outstanding = new AtomicLong();
    private final ReentrantLock gate = new ReentrantLock();
    private final Condition writable = gate.newCondition();
    /** Handler threads waiting in awaitWritable; changed under {@code gate}. */
    private volatile int writersWaiting;
    /**
     * Responses encoded on the loop, in write mode; always after everything in {@code out}. A
     * pooled buffer, held only while it has unwritten bytes, so responses to pipelined requests
     * leave together in one write.
     */
    private ByteBuffer wbuf;
    /* Loop: a flush is queued on the loop (see scheduleFlush). */
    private boolean flushScheduled;
    /* Loop: bytes the socket has taken, ever (a file's too): the write deadline's measure of progress. */
    private long progress;
    /*
     * Loop: the write deadline, armed while the socket takes less than is queued, in any state of
     * the connection (a handler still streaming, idle, closing, upgraded): a slot of its own, so the
     * connection's header, body or keep-alive deadline never hides a client that stopped reading.
     */
    private final long writeTimeoutNanos;
    private boolean stallWatched;
    private long stallDeadline;
    private long progressAtWatch;
    private final Runnable scheduledFlush = this::runScheduledFlush;
    private final ByteBuffer[] gather = new ByteBuffer[16];

    ConnectionOutput(Owner owner, LoopContext ctx, SocketChannel ch, InetSocketAddress peer, Counters counters,
            long high, long writeTimeoutNanos) {
        this.owner = owner;
        this.ctx = ctx;
        this.ch = ch;
        this.peer = peer;
        this.counters = counters;
        this.high = high;
        this.writeTimeoutNanos = writeTimeoutNanos;
    }

    // ------------------------------------------------------------------ state

    /** Any thread: whether more bytes wait to be written than the high watermark allows. */
    boolean aboveHigh() {
        return outstanding.get() > high;
    }

    /** Loop: whether queued output needs OP_WRITE (output waiting for a queued flush does not). */
    boolean wantsWrite() {
        return pending() && !flushScheduled;
    }

    /** Loop: whether output is queued that the socket has not taken yet. */
    boolean pending() {
        return !(out.isEmpty() && wbuf == null);
    }

    /** Loop: whether a flush is queued on the loop (it writes what is queued then). */
    boolean flushScheduled() {
        return flushScheduled;
    }

    /** Loop: the socket took less than was queued: from now the client must take some in writeTimeout. */
    void watchStall() {
        if (!stallWatched) {
            stallWatched = true;
            progressAtWatch = progress;
            stallDeadline = System.nanoTime() + writeTimeoutNanos;
        }
    }

    /**
     * Loop, from the deadline sweep: whether the client took none of the queued output for
     * writeTimeout (the connection must then be cut); progress since the watch began earns another period.
     */
    boolean stalled(long now) {
        if (!stallWatched || now - stallDeadline < 0) {
            return false;
        }
        if (progress != progressAtWatch) {
            stallWatched = false;
            watchStall();
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ submitting (any thread)

    /**
     * Any thread: queues bytes of {@code ex}'s response (null: not a response, such as a WebSocket
     * frame); held back while an earlier exchange is still at the head of the line.
     */
    void submit(Exchange ex, ByteBuffer a, ByteBuffer b) throws IOException {
        long n = a.remaining() + (b == null ? 0 : b.remaining());
        admit(n);
        hand(ex, a, b, null, n);
    }

    /**
     * Any thread: queues a whole response of {@code ex} (head and body in one buffer). Off the
     * loop, the handler's end can ride on this post (see Exchange.end).
     */
    void submitResponse(Exchange ex, ByteBuffer all) throws IOException {
        if (ctx.loop.inLoop()) {
            submit(ex, all, null);
            return;
        }
        long n = all.remaining();
        admit(n);
        ex.sendPosting();
        if (!owner.post(() -> deliver(ex, all, n))) {
            ex.sendRun();
            throw refused(n);
        }
    }

    /** Loop: a response posted by submitResponse, and the handler's end if it rode along. */
    private void deliver(Exchange ex, ByteBuffer all, long n) {
        enqueue(ex, all, null, null, n);
        if (ex.sendRun()) {
            owner.exchangeDone(ex);
        }
    }

    /** Any thread: queues a head and a file of {@code ex}'s response for zero-copy transfer. */
    void submitFile(Exchange ex, ByteBuffer head, FileRegion file) throws IOException {
        try {
            long n = head.remaining();
            admit(n);
            hand(ex, head, null, file, n);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    /** Any thread: counts {@code n} bytes about to be submitted, or fails if the connection is closed. */
    private void admit(long n) throws IOException {
        if (!owner.isOpen() || !count(n)) {
            throw closedError();
        }
    }

    private IOException closedError() {
        return new IOException("the connection from " + peer + " is closed");
    }

    /** Any thread: hands counted bytes to the loop's queue (directly on the loop, else by a post). */
    private void hand(Exchange ex, ByteBuffer a, ByteBuffer b, FileRegion file, long n) throws IOException {
        if (ctx.loop.inLoop()) {
            enqueue(ex, a, b, file, n);
        } else if (!owner.post(() -> enqueue(ex, a, b, file, n))) {
            throw refused(n);
        }
    }

    /** Any thread: takes back {@code n} counted bytes the loop refused to run (it is closed). */
    private IOException refused(long n) {
        uncount(n);
        return new IOException("the server's loop is closed");
    }

    /**
     * Any thread: counts {@code n} submitted bytes, or returns false if the connection closed
     * meanwhile. close() takes everything counted so far off the statistics and leaves
     * {@code outstanding} at {@link #CLOSED_OUTSTANDING}, so bytes are taken off exactly once:
     * by close() if counted before it, never if counted after (then they are refused here).
     */
    private boolean count(long n) {
        if (outstanding.addAndGet(n) < 0) {
            return false;
        }
        counters.responseBytes(n);
        return true;
    }

    /** Any thread: takes back counted bytes that will never be enqueued, unless close() already did. */
    private void uncount(long n) {
        long v;
        do {
            v = outstanding.get();
            if (v < 0) {
                return;
            }
        } while (!outstanding.compareAndSet(v, v - n));
        counters.responseBytes(-n);
    }

    /**
     * Handler thread: blocks while the outbound buffer is above the high watermark. For an
     * exchange {@code ex} whose output is held (not at the head of the line), its held bytes count
     * too: they stay until the exchanges before it finished, so its writer usually waits for that.
     */
    void awaitWritable(Exchange ex) throws IOException {
        if (level(ex) <= high) {
            return;
        }
        gate.lock();
        try {
            writersWaiting++;
            while (owner.isOpen() && level(ex) > high / 2) {
                try {
                    writable.await();
                } catch (InterruptedException e) {
                    throw Blocking.cancelled("waiting for the client to read the response");
                }
            }
        } finally {
            writersWaiting--;
            gate.unlock();
        }
        if (!owner.isOpen() || ex != null && ex.dropped()) {
            throw new IOException("the client " + peer + " disconnected");
        }
    }

    /**
     * Any thread: the bytes a writer of {@code ex} is held to: everything unwritten, plus what
     * {@code ex} holds back (bytes in transit to the loop are in {@code outstanding} until the loop
     * moves them to the exchange, so the sum never misses them).
     */
    private long level(Exchange ex) {
        long n = outstanding.get();
        return ex != null && !ex.released && !ex.dropped() ? n + ex.heldBytes : n;
    }

    /** Any thread: wakes the writers waiting in awaitWritable, if any. */
    void wakeWriters() {
        if (writersWaiting > 0) {
            signalWriters();
        }
    }

    private void signalWriters() {
        gate.lock();
        try {
            writable.signalAll();
        } finally {
            gate.unlock();
        }
    }

    // ------------------------------------------------------------------ queueing (loop)

    private void enqueue(Exchange ex, ByteBuffer a, ByteBuffer b, FileRegion file, long n) {
        if (!owner.isOpen()) {
            // close() already took these bytes off the counts (see count)
            if (file != null) {
                file.close();
            }
            return;
        }
        if (ex != null && !ex.released) {
            // not at the head of the line: hold it in the exchange, out of the outstanding count
            outstanding.addAndGet(-n);
            if (ex.dropped()) {
                counters.responseBytes(-n);
                if (file != null) {
                    file.close();
                }
                return;
            }
            if (ex.held == null) {
                ex.held = new ArrayDeque<>(4);
            }
            ex.held.add(a);
            if (b != null) {
                ex.held.add(b);
            }
            if (file != null) {
                ex.held.add(file);
            }
            ex.heldBytes += n;
            return;
        }
        append(a, b, file, n);
        if (!owner.processing()) {
            if (owner.moreInFlight()) {
                scheduleFlush(); // more responses of this connection are on their way
            } else {
                flush();
                owner.updateInterest();
            }
        }
    }

    /** Loop: {@code ex} reached the head of the line: its held output goes out, its writers go on. */
    void release(Exchange ex) {
        ex.released = true;
        ArrayDeque<Object> items = ex.held;
        long n = ex.heldBytes;
        ex.held = null;
        ex.heldBytes = 0;
        if (items != null) {
            outstanding.addAndGet(n);
            for (Object o : items) {
                if (o instanceof ByteBuffer b) {
                    append(b, null, null, b.remaining());
                } else {
                    append(null, null, (FileRegion) o, 0);
                }
            }
        }
        wakeWriters();
    }

    /** Loop: forgets the output an exchange held back, taking it off the statistics. */
    void discardHeld(Exchange ex) {
        ArrayDeque<Object> items = ex.held;
        ex.held = null;
        if (items != null) {
            for (Object o : items) {
                if (o instanceof FileRegion f) {
                    f.close();
                }
            }
        }
        counters.responseBytes(-ex.heldBytes);
        ex.heldBytes = 0;
    }

    /** Loop: queues a response the loop made itself (an error), behind everything queued. */
    void queue(ByteBuffer b) {
        outstanding.addAndGet(b.remaining());
        counters.responseBytes(b.remaining());
        seal();
        out.add(b);
    }

    /**
     * Loop: flushes in the loop's next round instead of now, so responses that handlers hand over
     * together (pipelined requests running concurrently) leave in one write. Nothing waits on
     * other handlers: the round comes right after the callbacks already queued, and the response
     * of the last request in flight is flushed at once.
     */
    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.loop.callSoon(scheduledFlush);
        }
    }

    private void runScheduledFlush() {
        flushScheduled = false;
        if (owner.isOpen()) {
            flush();
            owner.updateInterest();
        }
    }

    /** Loop: adds output behind what is queued (small buffers copied into the write buffer). */
    private void append(ByteBuffer a, ByteBuffer b, FileRegion file, long n) {
        if (a == null) {
            seal();
            out.add(file);
        } else if (file == null && n <= COPY_BYTES) {
            // small: copied behind what is already encoded, so queued responses leave in one write
            ByteBuffer w = wbuf != null && wbuf.remaining() >= n ? wbuf : null;
            if (w == null) {
                seal();
                w = wbuf = ctx.pool.acquire().clear();
            }
            w.put(a);
            if (b != null) {
                w.put(b);
            }
        } else {
            seal();
            out.add(a);
            if (b != null) {
                out.add(b);
            }
            if (file != null) {
                out.add(file);
            }
        }
    }

    /**
     * Loop: the write buffer, with at least {@code need} bytes free, to encode a response into;
     * report the bytes with {@link #encoded}. Null if {@code need} is larger than a buffer.
     */
    ByteBuffer writeBuffer(int need) throws IOException {
        if (!owner.isOpen()) {
            throw closedError();
        }
        if (need > BufferPool.BUFFER_BYTES) {
            return null;
        }
        if (wbuf != null && wbuf.remaining() < need) {
            seal();
        }
        if (wbuf == null) {
            wbuf = ctx.pool.acquire().clear();
        }
        return wbuf;
    }

    /** Loop: {@code n} bytes were encoded into the write buffer. */
    void encoded(int n) {
        outstanding.addAndGet(n);
        counters.responseBytes(n);
        if (!owner.processing()) {
            flush();
            owner.updateInterest();
        }
    }

    /** Loop: moves the write buffer's bytes to the end of {@code out}, before something else is queued. */
    private void seal() {
        if (wbuf != null) {
            wbuf.flip();
            out.add(ByteBuffer.allocate(wbuf.remaining()).put(wbuf).flip());
            ctx.pool.release(wbuf);
            wbuf = null;
        }
    }

    // ------------------------------------------------------------------ writing (loop)

    private void written(long n) {
        if (n > 0) {
            progress += n;
            outstanding.addAndGet(-n);
            counters.responseBytes(-n);
        }
        if (writersWaiting > 0 && outstanding.get() <= high / 2) {
            wakeWriters();
        }
    }

    /** Loop: writes what the socket takes; the owner arms OP_WRITE for the rest. */
    void flush() {
        if (!owner.isOpen()) {
            return;
        }
        try {
            while (!out.isEmpty() || wbuf != null) {
                Object first = out.peekFirst();
                if (first instanceof FileRegion f) {
                    long before = f.position();
                    boolean done = f.transferTo(ch);
                    progress += f.position() - before;
                    if (!done) {
                        owner.updateInterest();
                        return;
                    }
                    f.close();
                    out.pollFirst();
                    continue;
                }
                int count = 0;
                if (first != null) {
                    for (Object o : out) {
                        if (!(o instanceof ByteBuffer bb) || count == gather.length - 1) {
                            break;
                        }
                        gather[count++] = bb;
                    }
                }
                boolean tail = wbuf != null && count == out.size();
                if (tail) {
                    gather[count++] = wbuf.flip();
                }
                long w = count == 1 ? ch.write(gather[0]) : ch.write(gather, 0, count);
                Arrays.fill(gather, 0, count, null);
                boolean tailLeft = false;
                if (tail) {
                    if (wbuf.hasRemaining()) {
                        wbuf.compact();
                        tailLeft = true;
                    } else {
                        ctx.pool.release(wbuf);
                        wbuf = null;
                    }
                }
                written(w);
                while (out.peekFirst() instanceof ByteBuffer bb && !bb.hasRemaining()) {
                    out.pollFirst();
                }
                if (tailLeft || out.peekFirst() instanceof ByteBuffer bb && bb.hasRemaining()) {
                    owner.updateInterest();
                    return;
                }
            }
        } catch (IOException e) {
            owner.writeFailed("write failed: " + e.getMessage());
            return;
        }
        stallWatched = false;
        owner.flushed();
    }

    /**
     * Loop, once the connection is closed: drops what is queued, takes every counted byte off the
     * statistics, refuses later counts, and wakes the writers (they see the close).
     */
    void close() {
        for (Object o : out) {
            if (o instanceof FileRegion f) {
                f.close();
            }
        }
        out.clear();
        if (wbuf != null) {
            ctx.pool.release(wbuf);
            wbuf = null;
        }
        stallWatched = false;
        long left = outstanding.getAndSet(CLOSED_OUTSTANDING);
        counters.responseBytes(-left);
        signalWriters();
    }
}
