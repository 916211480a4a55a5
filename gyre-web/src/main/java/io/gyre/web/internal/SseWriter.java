package io.gyre.web.internal;

import io.gyre.runtime.Task;
import io.gyre.runtime.TaskGroup;
import io.gyre.runtime.TaskGroupException;
import io.gyre.web.ServerSentEvent;
import io.gyre.web.WebRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes a Server-Sent Events stream: the source runs as a child task while this task sends a
 * keep-alive comment whenever the stream was quiet for the interval. A failed write (the
 * client left) ends the group, which cancels the source; a failing source ends it too, and its
 * failure is thrown. When the server begins a graceful shutdown the source is cancelled and the
 * stream ends like one whose source returned.
 */
final class SseWriter {
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseWriter() {
    }

    static void write(WebRequest request, Bodies.SseBody body, OutputStream out) throws Exception {
        ReentrantLock lock = new ReentrantLock(); // guards out: the source and the keep-alive write
        Optional<String> lastEventId = request.header("Last-Event-ID");
        ServerSentEvent.Sink sink = new ServerSentEvent.Sink() {
            @Override
            public void send(ServerSentEvent event) {
                write(lock, out, event.encode().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public Optional<String> lastEventId() {
                return lastEventId;
            }
        };
        out.flush(); // commit the head so the client sees the stream open at once
        try {
            TaskGroup.run("sse " + request.path(), group -> {
                Task<Void> source = group.spawn("sse-source " + request.path(), () -> body.source().run(sink));
                // a graceful shutdown ends the stream at once: the source is cancelled and the body
                // ends normally, so the client reconnects (elsewhere) instead of the server waiting
                // for the graceful timeout to cancel a stream that never ends by itself
                Runnable unregister = request instanceof RequestState state
                        ? state.raw().onShutdown(() -> source.cancel("the server is shutting down"))
                        : () -> { };
                try {
                    while (!source.await(body.keepAlive())) {
                        write(lock, out, KEEP_ALIVE);
                    }
                } finally {
                    unregister.run();
                }
                return null;
            });
        } catch (TaskGroupException e) {
            // one failure: the source's own, or a write's when the client left (the source was then
            // cancelled); the caller tells them apart by asking its stream whether a write failed
            if (e.failures().size() == 1 && e.failures().getFirst() instanceof Exception failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static void write(ReentrantLock lock, OutputStream out, byte[] bytes) {
        lock.lock();
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }
}
