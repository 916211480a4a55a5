package io.gyre.testing;

import io.gyre.server.Headers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A response read while the handler is still writing it: streaming bodies and Server-Sent
 * Events. Closing it disconnects, as a client closing its socket would.
 *
 * <p>Thread-safety: use it from one test thread.
 */
public final class TestStream implements AutoCloseable {
    private final int status;
    private final Headers headers;
    private final BufferedReader reader;
    private final InputStream input;
    private final HandlerDone done;

    /** How a stream learns that the handler has returned; true if it did within the bound. */
    @FunctionalInterface
    interface HandlerDone {
        boolean await(Duration timeout);
    }

    TestStream(int status, Headers headers, InputStream input, HandlerDone done) {
        this.status = status;
        this.headers = headers;
        this.input = input;
        this.reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        this.done = done;
    }

    /**
     * Returns the status code.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * Returns the headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Reads the next line of the body, waiting for it.
     *
     * @return the line without its end, or empty at the end of the body
     * @throws UncheckedIOException if reading fails
     */
    public Optional<String> readLine() {
        try {
            return Optional.ofNullable(reader.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the next Server-Sent Event (or comment block): its lines up to the blank line.
     *
     * @return the event's lines, such as {@code ["event: tick", "data: 1"]}; empty at the end
     */
    public List<String> readEvent() {
        List<String> lines = new ArrayList<>();
        while (true) {
            Optional<String> line = readLine();
            if (line.isEmpty()) {
                return lines;
            }
            if (line.get().isEmpty()) {
                if (!lines.isEmpty()) {
                    return lines;
                }
                continue;
            }
            lines.add(line.get());
        }
    }

    /**
     * Disconnects: later writes of the handler fail like writes to a closed socket.
     */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the handler has returned. Over a {@link LiveServer}'s socket, the test cannot
     * see one handler, so this waits until the server has no request whose handler is still
     * running.
     *
     * @param timeout the bound
     * @return true if it ended in time
     */
    public boolean awaitHandlerDone(Duration timeout) {
        return done.await(timeout);
    }

    /** The wait for a handler that runs as {@code future}. */
    static HandlerDone of(CompletableFuture<Void> future) {
        return timeout -> {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }
}
