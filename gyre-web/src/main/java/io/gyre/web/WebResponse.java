package io.gyre.web;

import io.gyre.server.Headers;
import io.gyre.web.internal.Bodies;
import io.gyre.web.internal.FileUnderRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A response a handler, middleware or exception handler returns: status, headers, cookies
 * and a body. Immutable; {@link #toBuilder()} makes a changed copy.
 *
 * {@snippet :
 * return WebResponse.of(201).header("Location", "/items/" + id).json(item);
 * return WebResponse.redirect("/login");
 * return WebResponse.file(Path.of("report.pdf"));
 * }
 */
public final class WebResponse {
    private final int status;
    private final Headers headers;
    private final List<ResponseCookie> cookies;
    private final ResponseBody body;

    private WebResponse(int status, Headers headers, List<ResponseCookie> cookies, ResponseBody body) {
        this.status = status;
        this.headers = headers;
        this.cookies = List.copyOf(cookies);
        this.body = body;
    }

    /**
     * Starts a response with a status.
     *
     * @param status the status code, 100 to 599
     * @return a builder
     * @throws IllegalArgumentException if the status is out of range
     */
    public static Builder of(int status) {
        return new Builder(status);
    }

    /**
     * Returns a 200 response with a value serialized as JSON by the app's mapper.
     *
     * @param value the value
     * @return the response
     */
    public static WebResponse json(Object value) {
        return of(200).json(value);
    }

    /**
     * Returns a 200 {@code text/plain; charset=utf-8} response.
     *
     * @param text the text
     * @return the response
     */
    public static WebResponse text(String text) {
        return of(200).text(text);
    }

    /**
     * Returns a 200 {@code text/html; charset=utf-8} response.
     *
     * @param html the page
     * @return the response
     */
    public static WebResponse html(String html) {
        return of(200).bytes(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    /**
     * Returns a {@code 307 Temporary Redirect} (the method and body are kept).
     *
     * @param location where to go
     * @return the response
     */
    public static WebResponse redirect(String location) {
        return redirect(location, 307);
    }

    /**
     * Returns a redirect with a given status.
     *
     * @param location where to go
     * @param status 301, 302, 303, 307 or 308
     * @return the response
     * @throws IllegalArgumentException if the status is not a redirect
     */
    public static WebResponse redirect(String location, int status) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalArgumentException("redirect status must be 301, 302, 303, 307 or 308: " + status);
        }
        return of(status).header("Location", location).empty();
    }

    /**
     * Returns a file response: {@code Content-Type} from the file name, {@code ETag} and
     * {@code Last-Modified}, {@code 304} for matching conditional requests and {@code 206} for
     * byte ranges.
     *
     * @param file the file
     * @return the response
     */
    public static WebResponse file(Path file) {
        return of(200).body(new Bodies.FileBody(file), Bodies.contentType(file));
    }

    /**
     * Returns a file response for a path the client named, only if it names a file under a
     * root directory; otherwise throws a 404. The path is resolved against the root and
     * normalized; it is refused if it is absolute, contains a NUL character, names the root
     * itself, or leads out of the root, by {@code ..} segments or, when the file exists, by a
     * symbolic link on the way. What is served is as {@link #file(Path)} serves it, with the
     * {@code Content-Type} from the name the client gave.
     *
     * <p>Use this, not {@code root.resolve(name)}, for any part of a path that comes from the
     * request, such as a {@code {rest:path}} parameter, whose value may hold {@code ..}
     * segments.
     *
     * {@snippet :
     * @Get("/downloads/{name:path}")
     * public WebResponse download(String name) {
     *     return WebResponse.file(Path.of("/srv/downloads"), name);
     * }
     * }
     *
     * @param root the directory the file must be under
     * @param relativePath the path as the client gave it (percent-decoded), relative to the root
     * @return the response
     * @throws HttpException with status 404 if the path is refused or the root cannot be read
     */
    public static WebResponse file(Path root, String relativePath) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(relativePath, "relativePath");
        FileUnderRoot.Accepted accepted = FileUnderRoot.resolve(root, relativePath, false).orElseThrow(WebResponse::fileNotFound);
        return of(200).body(new Bodies.FileBody(accepted.served()), Bodies.contentType(accepted.named()));
    }

    /** The one answer for a client-named file that is missing or not to be served: nothing more is told. */
    private static HttpException fileNotFound() {
        return new HttpException(404, "File not found");
    }

    /**
     * Returns a streamed 200 response, sent chunked.
     *
     * @param contentType the content type
     * @param writer writes the body on the request's task; it may block
     * @return the response
     */
    public static WebResponse stream(String contentType, ResponseBody.Writer writer) {
        return of(200).body(ResponseBody.stream(writer), contentType);
    }

    /**
     * Returns a streamed 200 response of the elements of a stream (strings as UTF-8, byte
     * arrays as they are, anything else by {@code toString()}), each flushed as it comes.
     *
     * @param contentType the content type
     * @param chunks the elements; the stream is closed at the end
     * @return the response
     */
    public static WebResponse stream(String contentType, Stream<?> chunks) {
        return stream(contentType, out -> {
            try (chunks) {
                Iterator<?> it = chunks.iterator();
                while (it.hasNext()) {
                    Object chunk = it.next();
                    out.write(chunk instanceof byte[] bytes ? bytes : chunk.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
    }

    /**
     * Returns a {@code text/event-stream} response that sends a keep-alive comment every 15
     * seconds and stops the source when the client leaves.
     *
     * @param source produces the events
     * @return the response
     */
    public static WebResponse sse(ServerSentEvent.Source source) {
        return sse(Duration.ofSeconds(15), source);
    }

    /**
     * Returns a {@code text/event-stream} response with a given keep-alive interval.
     *
     * @param keepAlive how often to send a comment while no event is sent; it also detects a
     *     client that left
     * @param source produces the events
     * @return the response
     * @throws IllegalArgumentException if the interval is zero or negative
     */
    public static WebResponse sse(Duration keepAlive, ServerSentEvent.Source source) {
        if (!keepAlive.isPositive()) {
            throw new IllegalArgumentException("SSE keep-alive interval must be positive, not " + keepAlive
                    + ": a comment would be written without pause; use a few seconds, such as Duration.ofSeconds(15)");
        }
        return of(200).header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no")
                .body(new Bodies.SseBody(keepAlive, source), "text/event-stream; charset=utf-8");
    }

    /**
     * Returns a {@code 204 No Content} response.
     *
     * @return the response
     */
    public static WebResponse noContent() {
        return of(204).empty();
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
     * Returns the headers (without the cookies).
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the cookies to set.
     *
     * @return the cookies
     */
    public List<ResponseCookie> cookies() {
        return cookies;
    }

    /**
     * Returns the body.
     *
     * @return the body
     */
    public ResponseBody body() {
        return body;
    }

    /**
     * Returns a builder holding a copy of this response.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(status);
        builder.headers = headers.toBuilder();
        builder.cookies = cookies; // immutable: the builder copies it when a cookie is added
        builder.body = body;
        return builder;
    }

    @Override
    public String toString() {
        return "WebResponse[" + status + " " + headers + "]";
    }

    /** Builds a {@link WebResponse}. Not thread-safe. */
    public static final class Builder {
        private int status;
        private Headers.Builder headers = Headers.builder();
        private List<ResponseCookie> cookies = List.of(); // immutable until the first cookie is added
        private ResponseBody body = ResponseBody.empty();

        private Builder(int status) {
            status(status);
        }

        /**
         * Sets the status.
         *
         * @param code the status code, 100 to 599
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder status(int code) {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("status not in 100..599: " + code);
            }
            this.status = code;
            return this;
        }

        /**
         * Sets a header, replacing any values it had.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /**
         * Adds a header value, keeping the values it had.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder addHeader(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * Removes a header.
         *
         * @param name the name
         * @return this builder
         */
        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        /**
         * Adds a cookie.
         *
         * @param cookie the cookie
         * @return this builder
         */
        public Builder cookie(ResponseCookie cookie) {
            Objects.requireNonNull(cookie, "cookie");
            if (!(cookies instanceof ArrayList<ResponseCookie>)) {
                cookies = new ArrayList<>(cookies);
            }
            cookies.add(cookie);
            return this;
        }

        /**
         * Sets the body, keeping the content type set so far.
         *
         * @param newBody the body
         * @return this builder
         */
        public Builder body(ResponseBody newBody) {
            this.body = Objects.requireNonNull(newBody, "body");
            return this;
        }

        /**
         * Finishes with a body and its content type.
         *
         * @param newBody the body
         * @param contentType the content type
         * @return the response
         */
        public WebResponse body(ResponseBody newBody, String contentType) {
            header("Content-Type", contentType);
            return body(newBody).build();
        }

        /**
         * Finishes with a value serialized as JSON by the app's mapper.
         *
         * @param value the value
         * @return the response
         */
        public WebResponse json(Object value) {
            return body(new Bodies.JsonBody(value), "application/json");
        }

        /**
         * Finishes with UTF-8 text.
         *
         * @param text the text
         * @return the response
         */
        public WebResponse text(String text) {
            return body(ResponseBody.of(text.getBytes(StandardCharsets.UTF_8)), "text/plain; charset=utf-8");
        }

        /**
         * Finishes with bytes.
         *
         * @param bytes the bytes, not copied
         * @param contentType the content type
         * @return the response
         */
        public WebResponse bytes(byte[] bytes, String contentType) {
            return body(ResponseBody.of(bytes), contentType);
        }

        /**
         * Finishes with no body.
         *
         * @return the response
         */
        public WebResponse empty() {
            return body(ResponseBody.empty()).build();
        }

        /**
         * Finishes with the body set so far.
         *
         * @return the response
         */
        public WebResponse build() {
            return new WebResponse(status, headers.build(), cookies, body);
        }
    }
}
