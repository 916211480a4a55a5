package io.gyre.testing.internal;

import io.gyre.server.Headers;
import io.gyre.server.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The server side of an in-memory response: records status and headers, and writes the body
 * into a {@link Pipe} the test reads. {@link #committed()} completes when the head is decided.
 *
 * <p>Thread-safety: written by the handler's task; the head is published through the future.
 */
public final class MemoryResponse implements Response {
    private final boolean head;
    private int status = 200;
    private final Headers.Builder headers = Headers.builder();
    private final Pipe pipe = new Pipe();
    private final CompletableFuture<Headers> committed = new CompletableFuture<>();
    private OutputStream body;
    private boolean sent;

    public MemoryResponse(boolean head) {
        this.head = head;
    }

    public Pipe pipe() {
        return pipe;
    }

    public CompletableFuture<Headers> committed() {
        return committed;
    }

    @Override
    public Response status(int code) {
        checkOpen();
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("status not in 100..599: " + code);
        }
        this.status = code;
        return this;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Response header(String name, String value) {
        checkOpen();
        headers.set(name, value);
        return this;
    }

    @Override
    public Response addHeader(String name, String value) {
        checkOpen();
        headers.add(name, value);
        return this;
    }

    @Override
    public Headers headers() {
        return headers.build();
    }

    @Override
    public void send(byte[] bytes) {
        checkOpen();
        headers.set("Content-Length", Integer.toString(bytes.length));
        commit();
        sent = true;
        try {
            if (!head) {
                pipe.output.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pipe.finish();
    }

    @Override
    public void send(String text) {
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", "text/plain; charset=utf-8");
        }
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendFile(Path file) {
        try {
            send(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public OutputStream body() {
        if (sent) {
            throw new IllegalStateException("the body was already sent with send/sendFile");
        }
        if (body == null) {
            body = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    commit();
                    if (!head) {
                        pipe.output.write(b, off, len);
                    }
                }

                @Override
                public void flush() throws IOException {
                    commit();
                    pipe.output.flush();
                }

                @Override
                public void close() {
                    commit();
                    pipe.finish();
                }
            };
        }
        return body;
    }

    @Override
    public boolean isCommitted() {
        return committed.isDone();
    }

    /** Called when the handler returned: commits an empty response if nothing was sent. */
    public void end() {
        commit();
        pipe.finish();
    }

    /** Called when the handler failed before committing: becomes a 500, like the server. */
    public void fail() {
        if (!committed.isDone()) {
            status = 500;
            headers.remove("Content-Length");
            byte[] text = "Internal Server Error".getBytes(StandardCharsets.UTF_8);
            send(text);
        }
        pipe.finish();
    }

    private void commit() {
        if (!committed.isDone()) {
            committed.complete(headers.build());
        }
    }

    private void checkOpen() {
        if (committed.isDone()) {
            throw new IllegalStateException("response is committed: status and headers can no longer change");
        }
    }
}
