package io.gyre.server.internal;

import io.gyre.server.Headers;
import io.gyre.server.Response;
import io.gyre.server.internal.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The response side of an {@link Exchange}; used by the handler's thread. Its header fields live in
 * the {@link FieldList} it extends (no builder, no copies until {@link #headers()} is asked).
 */
final class ResponseImpl extends FieldList implements Response {
    private enum State { OPEN, STREAMING, DONE }

    /** Bodies up to this size are copied next to their head, so head and body leave in one write. */
    private static final int INLINE_BODY_BYTES = 8192;
    private static final byte[] NO_BYTES = {};

    private final Exchange ex;
    private int status = 200;
    /** The Content-Length the handler set (checked when set), or -1: kept, so no path scans the fields for it. */
    private long declared = -1;
    private volatile State state = State.OPEN;
    private volatile boolean committed;
    private ResponseOutput output;
    private long bodyBytesSent;
    /* Set by prepare() when the response commits. */
    private long framedLength;
    private boolean framedChunked;
    private int connectionMode;

    ResponseImpl(Exchange ex) {
        this.ex = ex;
    }

    @Override
    public Response status(int code) {
        checkNotCommitted("set the status");
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("cannot set status " + code + " on the response to '" + ex.head + "': "
                    + (code >= 100 && code < 200
                            ? "1xx statuses are interim and the server sends 100 Continue itself;"
                            : "HTTP defines status codes 100..599 only;")
                    + " give a final status in 200..599");
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
        if (committed) { // the message is built only when it is thrown
            throw committedError("set header '" + name + "'");
        }
        long given = checkFraming(name, value, false);
        setField(name, value);
        if (given >= 0) {
            declared = given;
        }
        return this;
    }

    @Override
    public Response addHeader(String name, String value) {
        if (committed) {
            throw committedError("add header '" + name + "'");
        }
        long given = checkFraming(name, value, true);
        addField(name, value);
        if (given >= 0) {
            declared = given;
        }
        return this;
    }

    @Override
    public Response addHeaders(Headers headers) {
        checkNotCommitted("add headers");
        long length = declared;
        for (int i = 0, n = headers.size(); i < n; i++) {
            long given = checkFraming(headers.name(i), headers.value(i), false);
            if (given >= 0 && length >= 0) {
                throw new IllegalArgumentException("cannot add headers " + headers + " to the response to '" + ex.head
                        + "': they give a second Content-Length; a response has one length, give it once");
            }
            length = Math.max(length, given);
        }
        addFields(headers);
        declared = length;
        return this;
    }

    @Override
    public Headers headers() {
        return snapshot();
    }

    @Override
    public void send(byte[] body) {
        checkOpen("send a body");
        if (body.length > 0 && forbidsBody()) {
            throw bodyForbidden("send a body", body.length);
        }
        boolean noBody = noBody();
        int bodyBytes = noBody ? 0 : body.length;
        long length = body.length;
        if (refusesLength(length)) {
            throw lengthMismatch("send a body of " + length + " bytes", declared);
        }
        if (lengthDiffers(length)) {
            length = declared; // HEAD: the handler declared the GET length and sent no bytes
        }
        prepare(noBody && !ex.head.isHead() ? -1 : length, false);
        state = State.DONE;
        bodyBytesSent = bodyBytes;
        Connection conn = ex.conn;
        if (bodyBytes > INLINE_BODY_BYTES) {
            submit(encodeHead(), ByteBuffer.wrap(body));
            return;
        }
        int need = HeadWriter.headLength(this) + bodyBytes;
        if (ex.released && conn.loop().inLoop()) {
            // on the loop: encode head and body straight into the connection's write buffer
            ByteBuffer out;
            try {
                out = conn.output.writeBuffer(need);
            } catch (IOException e) {
                throw cannotSend(e);
            }
            if (out != null) {
                int start = out.position();
                try {
                    encodeHead(out);
                } catch (RuntimeException e) {
                    out.position(start); // leave no partial head behind
                    throw e;
                }
                out.put(body, 0, bodyBytes);
                conn.output.encoded(out.position() - start);
                return;
            }
        }
        ByteBuffer all = ByteBuffer.allocate(need);
        encodeHead(all);
        all.put(body, 0, bodyBytes).flip();
        try {
            conn.output.submitResponse(ex, all);
        } catch (IOException e) {
            throw cannotSend(e);
        }
    }

    @Override
    public void send(String body) {
        if (!containsField("Content-Type")) {
            checkOpen("send a body");
            setField("Content-Type", "text/plain; charset=utf-8");
        }
        send(body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendFile(Path file) {
        checkOpen("send a file");
        FileChannel ch;
        long size;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            size = ch.size();
            if (!Files.isRegularFile(file)) {
                ch.close();
                throw new IOException("not a regular file");
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot send file " + file + " for '" + ex.head
                    + "': it does not exist; check the path (relative paths resolve against the working directory)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send file " + file + " for '" + ex.head + "': " + e.getMessage()
                    + "; send a regular, readable file", e);
        }
        if (size > 0 && forbidsBody()) {
            closeQuietly(ch);
            throw bodyForbidden("send file " + file, size);
        }
        if (lengthDiffers(size)) {
            closeQuietly(ch);
            throw lengthMismatch("send file " + file + " of " + size + " bytes", declared);
        }
        boolean noBody = noBody();
        ByteBuffer head = commit(noBody && !ex.head.isHead() ? -1 : size, false);
        state = State.DONE;
        if (noBody) {
            closeQuietly(ch);
            submit(head, null);
            return;
        }
        try {
            ex.conn.output.submitFile(ex, head, new FileRegion(file, ch, size));
            bodyBytesSent = size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public OutputStream body() {
        Blocking.requireNotLoop(ex.conn, "response.body()");
        if (output == null) {
            checkOpen("open the body stream");
            state = State.STREAMING;
            output = new ResponseOutput(this, declared);
        }
        return output;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    long bodyBytesSent() {
        return bodyBytesSent;
    }

    void countBody(long n) {
        bodyBytesSent += n;
    }

    Exchange exchange() {
        return ex;
    }

    /** Whether this response carries no body bytes (HEAD, 204, 304). */
    boolean noBody() {
        return ex.head.isHead() || noStatusBody();
    }

    /** Whether the status forbids a body and a Content-Length (204, 304). */
    private boolean noStatusBody() {
        return status == 204 || status == 304;
    }

    /** Whether the status forbids body bytes (204, 304): sending some is refused, not dropped. */
    boolean forbidsBody() {
        return noStatusBody();
    }

    /** The refusal of {@code bytes} body bytes under a status that forbids a body. */
    String bodyForbiddenMessage(String what, long bytes) {
        return "cannot " + what + " of " + bytes + " bytes in the response to '" + ex.head + "': status " + status
                + (status == 204 ? " (No Content)" : " (Not Modified)") + " ends at its header fields and carries no"
                + " body (RFC 9110 15.3.5, 15.4.5). Send no bytes, or use a status that has a body, such as 200";
    }

    private IllegalStateException bodyForbidden(String what, long bytes) {
        return new IllegalStateException(bodyForbiddenMessage(what, bytes));
    }

    /** Whether the handler declared a Content-Length that a body of {@code length} bytes would contradict. */
    private boolean lengthDiffers(long length) {
        return declared >= 0 && declared != length && !noStatusBody();
    }

    /**
     * Whether a body of {@code length} bytes contradicts the declared Content-Length. An answer to
     * HEAD may declare the GET length and carry no bytes; 204 and 304 never carry a length.
     */
    boolean refusesLength(long length) {
        return lengthDiffers(length) && !(length == 0 && ex.head.isHead());
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    /**
     * Refuses the header fields the server owns or that would make the framing lie: any
     * Transfer-Encoding, a Content-Length that is not a number, and (when {@code adding}) a
     * second Content-Length. Returns the length a valid Content-Length gives, -1 for any other field.
     */
    private long checkFraming(String name, String value, boolean adding) {
        int n = name.length();
        if (n != 14 && n != 17) {
            return -1; // neither Content-Length nor Transfer-Encoding: one comparison on the common path
        }
        if (name.equalsIgnoreCase("Transfer-Encoding")) {
            throw new IllegalArgumentException("cannot set header '" + name + "' on the response to '" + ex.head
                    + "': the server frames the body itself (Content-Length for send(...) and sendFile(...),"
                    + " chunked for body() without a Content-Length); remove the header");
        }
        if (!name.equalsIgnoreCase("Content-Length")) {
            return -1;
        }
        String v = value.strip();
        boolean digits = !v.isEmpty() && v.length() <= 18;
        for (int i = 0; digits && i < v.length(); i++) {
            digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
        }
        if (!digits) {
            throw new IllegalArgumentException("cannot set header '" + name + "' on the response to '" + ex.head
                    + "' to '" + value + "': it must be the body's length in bytes, digits only");
        }
        if (adding && declared >= 0) {
            throw new IllegalArgumentException("cannot add header '" + name + ": " + value + "' to the response to '"
                    + ex.head + "': it already has Content-Length " + declared
                    + "; a response has one length, use header(...) to replace it");
        }
        return Long.parseLong(v);
    }

    private IllegalStateException lengthMismatch(String what, long declared) {
        return new IllegalStateException("cannot " + what + ": the response to '" + ex.head + "' declared Content-Length "
                + declared + ". Remove the Content-Length header (the server sets it) or make the body exactly "
                + declared + " bytes.");
    }

    /** Ends the response after the handler returned: closes the stream or sends an empty body. */
    void finish() throws IOException {
        switch (state) {
            case OPEN -> send(NO_BYTES);
            case STREAMING -> output.close();
            case DONE -> {
            }
        }
    }

    /** Replaces whatever was set with a short error (the response must not be committed). */
    void sendError(int code, String message) {
        clearFields();
        declared = -1;
        setField("Content-Type", "text/plain; charset=utf-8");
        setField("Connection", "close");
        status = code;
        state = State.OPEN;
        send(message + "\n");
    }

    /**
     * Encodes the head (committing the response).
     *
     * @param contentLength the length to declare, or -1 to declare none
     * @param chunked whether to use chunked framing (dropped for HTTP/1.0: close-delimited)
     */
    ByteBuffer commit(long contentLength, boolean chunked) {
        prepare(contentLength, chunked);
        return encodeHead();
    }

    /**
     * Commits: decides the framing and the Connection field, and removes the fields the server
     * owns from the app's. The head is then written with {@link #encodeHead}.
     */
    private void prepare(long contentLength, boolean chunked) {
        checkNotCommitted("commit");
        ServerCore server = ex.conn.server();
        boolean userClose = false;
        if (containsField("Connection")) {
            for (int i = 0, n = fieldCount(); i < n; i++) {
                if (fieldName(i).equalsIgnoreCase("Connection")) {
                    userClose |= fieldValue(i).toLowerCase(Locale.ROOT).contains("close");
                }
            }
            removeField("Connection");
        }
        if (declared >= 0) {
            removeField("Content-Length"); // the server writes the length it frames with (no Transfer-Encoding can be set)
        }
        boolean http10 = ex.head.version() == HttpVersion.HTTP_1_0;
        // draining: the last request in flight on the connection says close, the ones before it do not
        boolean close = userClose || !ex.head.keepAlive()
                || (server.draining() || ex.conn.closeRequested()) && ex.conn.isNewest(ex)
                || ex.pipe != null && ex.head.expectContinue() && !ex.continueSent && !ex.pipe.isComplete();
        if (chunked && http10) {
            chunked = false;
            close = true;
        }
        if (status == 204 || status == 304) {
            contentLength = -1;
            chunked = false;
        }
        ex.closeAfter = close;
        committed = true;
        framedLength = contentLength;
        framedChunked = chunked;
        connectionMode = close ? HeadWriter.CONNECTION_CLOSE
                : http10 ? HeadWriter.CONNECTION_KEEP_ALIVE : HeadWriter.CONNECTION_NONE;
    }

    private ByteBuffer encodeHead() {
        ServerCore server = ex.conn.server();
        return HeadWriter.encode(status, this, server.config().serverHeader(), server.config().dateHeader(),
                framedLength, framedChunked, connectionMode);
    }

    private void encodeHead(ByteBuffer out) {
        ServerCore server = ex.conn.server();
        HeadWriter.encode(out, status, this, server.config().serverHeader(), server.config().dateHeader(),
                framedLength, framedChunked, connectionMode);
    }

    private UncheckedIOException cannotSend(IOException e) {
        return new UncheckedIOException("cannot send the response to '" + ex.head + "': " + e.getMessage(), e);
    }

    void submit(ByteBuffer a, ByteBuffer b) {
        try {
            ex.conn.output.submit(ex, a, b);
        } catch (IOException e) {
            throw cannotSend(e);
        }
    }

    void markDone() {
        state = State.DONE;
    }

    /** The connection switched protocols (its 101 went out directly): no HTTP answer may follow. */
    void markUpgraded() {
        committed = true;
        markDone();
    }

    private void checkNotCommitted(String what) {
        if (committed) {
            throw committedError(what);
        }
    }

    private IllegalStateException committedError(String what) {
        return new IllegalStateException("cannot " + what + ": the response to '" + ex.head
                + "' is already committed (its head was sent). Set the status and headers before send(...),"
                + " sendFile(...) or the first flush of body().");
    }

    private void checkOpen(String what) {
        if (state != State.OPEN) {
            throw new IllegalStateException("cannot " + what + ": the response to '" + ex.head + "' already has a "
                    + (state == State.STREAMING ? "body stream" : "body")
                    + "; a response has one body: send(...), sendFile(...) or body().");
        }
    }
}
