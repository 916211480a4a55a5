package io.gyre.web.internal;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.CancelledException;
import io.gyre.server.Response;
import io.gyre.web.ResponseBody;
import io.gyre.web.ResponseCookie;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Sends a finished {@link WebResponse} through the server's {@link Response}.
 *
 * <p>A streamed body (a writer, SSE) can fail in two ways, told apart by {@link BodyOutput}: the
 * client went away (a write to the connection failed), reported as an {@link IOException}; or
 * the app's writer failed, reported as {@link BodyFailed}, which says whether the head was sent.
 * Either way the body is not ended normally, so a client never takes a failed body for a whole
 * one.
 */
final class ResponseWriter {
    private ResponseWriter() {
    }

    /** The app's body writer failed; the cause is its failure. */
    static final class BodyFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean started;

        BodyFailed(Throwable cause, boolean started) {
            super(cause.toString(), cause, false, false);
            this.started = started;
        }

        /** Whether the head was already sent (else the response can still become an error). */
        boolean started() {
            return started;
        }
    }

    /**
     * Writes the response.
     *
     * @throws BodyFailed if the app's body writer failed
     * @throws IOException if the client went away (or, from a mounted handler, whatever it threw)
     * @throws Exception what a mounted handler threw
     */
    static void write(WebRequest request, WebResponse web, Response response) throws Exception {
        if (web.body() instanceof Bodies.Mounted mounted) {
            response.addHeaders(web.headers());
            mounted.handler().handle(mounted.request(), response);
            return;
        }
        ResponseBody body = web.body();
        switch (body) {
            case Bodies.BytesBody bytes -> {
                head(web, response);
                if (bytes.bytes().length > 0 || web.status() >= 200 && web.status() != 204 && web.status() != 304) {
                    response.send(bytes.bytes());
                }
            }
            case Bodies.FileBody file -> {
                head(web, response);
                response.sendFile(file.path());
            }
            default -> stream(request, web, response);
        }
    }

    private static void head(WebResponse web, Response response) {
        response.status(web.status());
        response.addHeaders(web.headers());
        for (ResponseCookie cookie : web.cookies()) {
            response.addHeader("Set-Cookie", cookie.headerValue());
        }
    }

    /** Writes a streamed body; the head waits in {@link BodyOutput} until the body starts. */
    private static void stream(WebRequest request, WebResponse web, Response response) throws Exception {
        ResponseBody body = web.body();
        BodyOutput out = new BodyOutput(() -> {
            head(web, response);
            if (body.length() >= 0) { // an event stream's length is unknown (-1)
                response.header("Content-Length", Long.toString(body.length()));
            }
            return response.body();
        });
        try {
            switch (body) {
                case Bodies.SseBody sse -> SseWriter.write(request, sse, out);
                case Bodies.StreamBody streamed -> streamed.writer().write(out); // the writer's own failure
                default -> body.writeTo(out);
            }
            out.close();
        } catch (CancelledException | VirtualMachineError e) {
            throw e;
        } catch (Throwable failure) {
            if (out.clientGone()) {
                throw failure instanceof IOException io ? io
                        : failure instanceof UncheckedIOException unchecked ? unchecked.getCause()
                        : new IOException("the client went away: " + failure, failure);
            }
            Throwable cause = failure instanceof Bodies.WriterFailure carried ? carried.getCause() : failure;
            if (cause instanceof InterruptedException && Cancellation.isRequested()) {
                throw new CancelledException("the request was cancelled while its body was written");
            }
            throw new BodyFailed(cause, out.started());
        }
    }
}
