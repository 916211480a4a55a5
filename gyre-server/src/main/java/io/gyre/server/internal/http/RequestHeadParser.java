package io.gyre.server.internal.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental, strict parser of HTTP/1.1 request heads (RFC 9112), fed whatever bytes have
 * arrived. One instance per connection, used by the connection's loop thread only.
 *
 * <p>{@link #parse} consumes bytes up to the end of the head and never past it, so the body
 * and any pipelined request stay in the buffer. It returns null until the head is complete,
 * keeping the partial line in its own buffer between calls, so it can be fed one byte at a
 * time. After a head, call {@link #reset()} before parsing the next one.
 *
 * <p>Strictness, aimed at request smuggling: lines must end in CRLF (a bare LF or a bare CR is
 * a 400); whitespace before a colon, obsolete line folding, control characters in values,
 * invalid tokens, conflicting Content-Length values, Content-Length with Transfer-Encoding,
 * Transfer-Encoding without a final chunked, Transfer-Encoding in HTTP/1.0, and a missing or
 * repeated Host are all 400s. Blank lines before a request line are skipped (RFC 9112 2.2).
 * CONNECT is a 501: the server opens no tunnels, and a 2xx answer would tell the client that
 * it had (RFC 9110 9.3.6). For an absolute-form target, the target's authority replaces the
 * value of a differing Host field, so that everything reading Host sees the host that the
 * request is for (RFC 9112 3.2.2).
 *
 * <p>Garbage: the target with its path and query (one lookup), unknown field names and field values
 * come from the thread's {@link StringCache}, so a request that repeats an earlier one's strings
 * allocates only its {@link RequestHead} and the head's array of fields.
 */
public final class RequestHeadParser {
    private enum State { REQUEST_LINE, FIELDS, DONE, FAILED }

    /* Overview: line-oriented. A complete line found in the input is parsed in place; the
     * start of an incomplete line is copied to `pending` and completed by the next call, so
     * state survives any split. Direct buffers are copied in slices to `window` first, so the
     * scans always run over a byte[] (no per-byte calls through ByteBuffer). */
    private static final int WINDOW_BYTES = 2048;

    private final HttpLimits limits;
    private final FieldLine field = new FieldLine();
    /** The strings of the thread that parses; taken at the first parse (a parser stays on one thread). */
    private StringCache strings;

    private State state = State.REQUEST_LINE;
    private HttpParseException failure;
    private byte[] pending = new byte[128];
    private int pendingLength;
    /** Scratch for direct buffers; only used within one parse call, so one per thread suffices. */
    private static final ThreadLocal<byte[]> WINDOW = ThreadLocal.withInitial(() -> new byte[WINDOW_BYTES]);
    /** Bytes of this head consumed so far, including pending bytes and skipped blank lines. */
    private int headBytes;
    /** Where the last parseArray call stopped, as an index into its array. */
    private int stop;

    private String method;
    private RequestTarget target;
    private HttpVersion version;
    /** Names at even indexes, values at odd ones; scratch reused across heads. */
    private String[] fields;
    private int fieldCount;
    private long contentLength;
    /** Index (in fields) of the Host field, or -1 before one arrived (a second one is refused). */
    private int hostIndex;
    /** The authority of an absolute-form target, or null for the other forms. */
    private String absoluteAuthority;
    private boolean transferEncoding;
    private boolean chunkedLast;
    private boolean otherCoding;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean connectionUpgrade;
    private boolean expectContinue;
    private boolean upgradeSeen;
    private boolean upgradeListsWebSocket;

    /**
     * Creates a parser.
     *
     * @param limits the limits to enforce
     */
    public RequestHeadParser(HttpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        clearRequest();
    }

    /**
     * Consumes bytes of a request head from {@code in}, advancing its position, never past the
     * end of the head.
     *
     * @param in bytes from the connection, heap or direct
     * @return the head once complete, or null if more bytes are needed (all of {@code in} was
     *     consumed then)
     * @throws HttpParseException if the head is invalid or over a limit; the parser then keeps
     *     throwing it until {@link #reset()}
     * @throws IllegalStateException if a head was returned and {@link #reset()} not called
     */
    public RequestHead parse(ByteBuffer in) {
        if (state == State.DONE) {
            throw new IllegalStateException("RequestHeadParser already returned a head; call reset() before"
                    + " parsing the next request on the connection");
        }
        if (state == State.FAILED) {
            throw failure;
        }
        if (strings == null) {
            strings = StringCache.forThisThread();
        }
        try {
            if (in.hasArray()) {
                int base = in.arrayOffset();
                RequestHead head = parseArray(in.array(), base + in.position(), base + in.limit());
                in.position(stop - base);
                return head;
            }
            byte[] window = WINDOW.get();
            while (in.hasRemaining()) {
                int n = Math.min(in.remaining(), WINDOW_BYTES);
                int position = in.position();
                in.get(position, window, 0, n);
                RequestHead head = parseArray(window, 0, n);
                in.position(position + stop);
                if (head != null) {
                    return head;
                }
            }
            return null;
        } catch (HttpParseException e) {
            state = State.FAILED;
            failure = e;
            throw e;
        }
    }

    /**
     * Prepares for the next request head on the same connection. Also clears a failure.
     */
    public void reset() {
        state = State.REQUEST_LINE;
        failure = null;
        pendingLength = 0;
        headBytes = 0;
        clearRequest();
        if (pending.length > 1024) {
            pending = new byte[128];
        }
    }

    /**
     * Tells whether bytes of a head have been consumed but the head is not complete yet,
     * e.g. to tell a clean close between requests from one in the middle of a head. Blank
     * lines before a request line do not count.
     *
     * @return true while a head is partly read (or after a failure)
     */
    public boolean inProgress() {
        if (state == State.FIELDS || state == State.FAILED) {
            return true;
        }
        // Blank lines before a request line (or the CR of one) do not start a request.
        return state == State.REQUEST_LINE && pendingLength > 0 && !(pendingLength == 1 && pending[0] == Ascii.CR);
    }

    private void clearRequest() {
        method = null;
        target = null;
        version = null;
        if (fields == null || fields.length > 64) {
            fields = new String[32]; // scratch, reused across heads; a head gets an exact-size copy
        } else {
            Arrays.fill(fields, 0, 2 * fieldCount, null);
        }
        fieldCount = 0;
        contentLength = -1;
        hostIndex = -1;
        absoluteAuthority = null;
        transferEncoding = false;
        chunkedLast = false;
        otherCoding = false;
        connectionClose = false;
        connectionKeepAlive = false;
        connectionUpgrade = false;
        expectContinue = false;
        upgradeSeen = false;
        upgradeListsWebSocket = false;
    }

    /** Parses a[from, to); sets {@link #stop} to where it stopped. */
    private RequestHead parseArray(byte[] a, int from, int to) {
        int pos = from;
        while (pos < to) {
            boolean requestLine = state == State.REQUEST_LINE;
            int headBudget = limits.maxHeaderBytes() - headBytes;
            int lineBudget = requestLine ? Math.min(headBudget, limits.maxRequestLineBytes() + 2 - pendingLength) : headBudget;
            int scanEnd = (int) Math.min(to, (long) pos + lineBudget);
            int lf = Ascii.indexOfLf(a, pos, scanEnd);
            if (lf == scanEnd) {
                if (scanEnd < to || scanEnd - pos >= lineBudget) {
                    throw tooLarge(requestLine, lineBudget < headBudget);
                }
                keep(a, pos, to);
                stop = to;
                return null;
            }
            int lineEnd = lf + 1;
            headBytes += lineEnd - pos;
            RequestHead head;
            if (pendingLength > 0) {
                append(a, pos, lineEnd);
                int length = pendingLength;
                pendingLength = 0;
                head = line(pending, 0, length - 1);
            } else {
                head = line(a, pos, lf);
            }
            pos = lineEnd;
            if (head != null) {
                stop = pos;
                return head;
            }
        }
        stop = pos;
        return null;
    }

    private HttpParseException tooLarge(boolean requestLine, boolean lineLimit) {
        if (requestLine && lineLimit) {
            return new HttpParseException(414, "request line longer than " + limits.maxRequestLineBytes() + " bytes");
        }
        return new HttpParseException(431, "request head larger than " + limits.maxHeaderBytes() + " bytes");
    }

    private void keep(byte[] a, int from, int to) {
        headBytes += to - from;
        append(a, from, to);
    }

    private void append(byte[] a, int from, int to) {
        int n = to - from;
        if (pendingLength + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
        }
        System.arraycopy(a, from, pending, pendingLength, n);
        pendingLength += n;
    }

    /** Handles the line a[from, lf) where a[lf] is its LF; returns the head at its end. */
    private RequestHead line(byte[] a, int from, int lf) {
        if (lf == from || a[lf - 1] != Ascii.CR) {
            throw HttpParseException.badRequest("line ends in LF without CR");
        }
        int end = lf - 1;
        if (state == State.REQUEST_LINE) {
            if (end > from) {
                requestLine(a, from, end);
                state = State.FIELDS;
            }
            return null;
        }
        if (end == from) {
            return finish();
        }
        if (fieldCount == limits.maxHeaderCount()) {
            throw new HttpParseException(431, "more than " + limits.maxHeaderCount() + " header fields");
        }
        field.parse(a, from, end, strings);
        addField(a);
        return null;
    }

    private void requestLine(byte[] a, int from, int to) {
        int i = from;
        while (i < to && Ascii.isToken(a[i])) {
            i++;
        }
        if (i == from || i == to || a[i] != Ascii.SP) {
            throw HttpParseException.badRequest(i == to ? "request line without target" : "invalid method in request line");
        }
        method = Methods.of(a, from, i);
        if (method.equals("CONNECT")) {
            throw new HttpParseException(501, "CONNECT is not implemented: this server opens no tunnels");
        }
        int targetFrom = ++i;
        int question = -1;
        while (i < to) {
            byte b = a[i];
            if (!Ascii.isTarget(b)) {
                break;
            }
            if (b == '?' && question < 0) {
                question = i;
            } else if (b == '#') {
                throw HttpParseException.badRequest("fragment in request target");
            }
            i++;
        }
        if (i == targetFrom) {
            throw HttpParseException.badRequest("empty request target");
        }
        if (i == to) {
            throw HttpParseException.badRequest("request line without HTTP version");
        }
        if (a[i] != Ascii.SP) {
            throw HttpParseException.badRequest("invalid character in request target");
        }
        int targetTo = i;
        version = version(a, i + 1, to);
        if (a[targetFrom] == '/') { // origin-form, nearly every request: one lookup, no substring copies
            target = strings.target(a, targetFrom, targetTo, question);
        } else {
            target = splitTarget(strings.get(a, targetFrom, targetTo), question < 0 ? -1 : question - targetFrom);
        }
    }

    private static HttpVersion version(byte[] a, int from, int to) {
        if (to - from == 8 && a[from] == 'H' && a[from + 1] == 'T' && a[from + 2] == 'T' && a[from + 3] == 'P'
                && a[from + 4] == '/' && a[from + 6] == '.') {
            byte major = a[from + 5];
            byte minor = a[from + 7];
            if (major == '1' && minor == '1') {
                return HttpVersion.HTTP_1_1;
            }
            if (major == '1' && minor == '0') {
                return HttpVersion.HTTP_1_0;
            }
            if (major == '1' && minor >= '2' && minor <= '9') {
                return HttpVersion.HTTP_1_1; // a higher minor version is served as 1.1 (RFC 9110 2.5)
            }
            if (major >= '0' && major <= '9' && minor >= '0' && minor <= '9') {
                throw new HttpParseException(505, "HTTP version not supported: " + (char) major + "." + (char) minor
                        + "; this server speaks HTTP/1.1 and HTTP/1.0");
            }
        }
        throw HttpParseException.badRequest("invalid HTTP version in request line");
    }

    /** Splits a target that is not in origin-form; {@code question} is the index of its first '?' or -1. */
    private RequestTarget splitTarget(String target, int question) {
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw HttpParseException.badRequest("asterisk request target is only valid for OPTIONS");
            }
            return new RequestTarget(target, "*", "");
        }
        int scheme = target.indexOf("://");
        if (scheme <= 0 || !isScheme(target, scheme)) {
            throw HttpParseException.badRequest("invalid request target");
        }
        int authorityEnd = scheme + 3;
        while (authorityEnd < target.length() && target.charAt(authorityEnd) != '/' && target.charAt(authorityEnd) != '?') {
            authorityEnd++;
        }
        String authority = target.substring(scheme + 3, authorityEnd);
        // the characters a Host field may not hold either (controls, spaces and non-ASCII never reach here)
        if (authority.isEmpty() || authority.indexOf('@') >= 0 || authority.indexOf(',') >= 0
                || authority.indexOf('\\') >= 0) {
            throw HttpParseException.badRequest(
                    "invalid authority in request target (empty, with user info, a comma or a backslash)");
        }
        absoluteAuthority = authority;
        int q = question < 0 ? target.length() : question;
        return new RequestTarget(target, authorityEnd >= q ? "/" : target.substring(authorityEnd, q),
                question < 0 ? "" : target.substring(question + 1));
    }

    private static boolean isScheme(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }

    private void addField(byte[] a) {
        switch (field.id) {
            case HeaderNames.HOST -> host(a);
            case HeaderNames.CONTENT_LENGTH -> contentLength(a);
            case HeaderNames.TRANSFER_ENCODING -> transferEncoding(a);
            case HeaderNames.CONNECTION -> {
                connectionClose |= FieldLine.listHas(a, field.valueFrom, field.valueTo, "close");
                connectionKeepAlive |= FieldLine.listHas(a, field.valueFrom, field.valueTo, "keep-alive");
                connectionUpgrade |= FieldLine.listHas(a, field.valueFrom, field.valueTo, "upgrade");
            }
            case HeaderNames.EXPECT -> expectContinue |= field.valueTo - field.valueFrom == 12
                    && FieldLine.regionEqualsIgnoreCase(a, field.valueFrom, "100-continue");
            case HeaderNames.UPGRADE -> {
                upgradeSeen = true;
                upgradeListsWebSocket |= FieldLine.listHas(a, field.valueFrom, field.valueTo, "websocket");
            }
            default -> { }
        }
        if (2 * fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[2 * fieldCount] = field.name;
        fields[2 * fieldCount + 1] = field.value;
        fieldCount++;
    }

    private void host(byte[] a) {
        if (hostIndex >= 0) {
            throw HttpParseException.badRequest("more than one Host header field");
        }
        hostIndex = fieldCount;
        for (int i = field.valueFrom; i < field.valueTo; i++) {
            byte b = a[i];
            if (b == ' ' || b == '\t' || b == '/' || b == '\\' || b == '@' || b == ',' || b < 0) {
                throw HttpParseException.badRequest("invalid Host header field");
            }
        }
    }

    /** Accepts a list of equal values (RFC 9112 6.3 item 5); anything else is a 400. */
    private void contentLength(byte[] a) {
        int i = field.valueFrom;
        int to = field.valueTo;
        do {
            while (i < to && (a[i] == ' ' || a[i] == '\t')) {
                i++;
            }
            int digitsFrom = i;
            long value = 0;
            while (i < to && a[i] >= '0' && a[i] <= '9') {
                int digit = a[i] - '0';
                if (value > (Long.MAX_VALUE - digit) / 10) {
                    throw HttpParseException.badRequest("Content-Length too large");
                }
                value = value * 10 + digit;
                i++;
            }
            if (i == digitsFrom) {
                throw HttpParseException.badRequest("invalid Content-Length");
            }
            while (i < to && (a[i] == ' ' || a[i] == '\t')) {
                i++;
            }
            if (i < to && a[i] != ',') {
                throw HttpParseException.badRequest("invalid Content-Length");
            }
            if (contentLength >= 0 && contentLength != value) {
                throw HttpParseException.badRequest("conflicting Content-Length values");
            }
            contentLength = value;
            i++;
        } while (i < to);
        if (to > field.valueFrom && a[to - 1] == ',') {
            throw HttpParseException.badRequest("invalid Content-Length");
        }
    }

    private void transferEncoding(byte[] a) {
        transferEncoding = true;
        int i = field.valueFrom;
        int to = field.valueTo;
        while (i < to) {
            int end = i;
            while (end < to && a[end] != ',') {
                end++;
            }
            int s = i;
            int e = end;
            while (s < e && (a[s] == ' ' || a[s] == '\t')) {
                s++;
            }
            while (e > s && (a[e - 1] == ' ' || a[e - 1] == '\t')) {
                e--;
            }
            if (s < e) {
                if (chunkedLast) {
                    throw HttpParseException.badRequest("chunked must be the final transfer coding, applied once");
                }
                if (e - s == 7 && FieldLine.regionEqualsIgnoreCase(a, s, "chunked")) {
                    chunkedLast = true;
                } else {
                    for (int k = s; k < e; k++) {
                        if (!Ascii.isToken(a[k])) {
                            throw HttpParseException.badRequest("invalid Transfer-Encoding");
                        }
                    }
                    otherCoding = true;
                }
            }
            i = end + 1;
        }
    }

    private RequestHead finish() {
        if (version == HttpVersion.HTTP_1_1 && hostIndex < 0) {
            throw HttpParseException.badRequest("missing Host header field (required in HTTP/1.1)");
        }
        if (transferEncoding) {
            if (version == HttpVersion.HTTP_1_0) {
                throw HttpParseException.badRequest("Transfer-Encoding in an HTTP/1.0 request");
            }
            if (contentLength >= 0) {
                throw HttpParseException.badRequest("both Content-Length and Transfer-Encoding");
            }
            if (!chunkedLast) {
                throw HttpParseException.badRequest("Transfer-Encoding without chunked as the final coding");
            }
            if (otherCoding) {
                throw new HttpParseException(501, "transfer coding not implemented; send the body with chunked only");
            }
        }
        if (contentLength > limits.maxBodyBytes()) {
            throw new HttpParseException(413, "body of " + contentLength + " bytes is over the limit of "
                    + limits.maxBodyBytes() + " bytes");
        }
        if (absoluteAuthority != null && hostIndex >= 0) {
            fields[2 * hostIndex + 1] = absoluteAuthority;
        }
        boolean keepAlive = version == HttpVersion.HTTP_1_1 ? !connectionClose : connectionKeepAlive && !connectionClose;
        boolean http11 = version == HttpVersion.HTTP_1_1;
        int flags = (http11 ? 0 : RequestHead.HTTP_1_0)
                | (transferEncoding ? RequestHead.CHUNKED : 0)
                | (keepAlive ? RequestHead.KEEP_ALIVE : 0)
                | (expectContinue && http11 ? RequestHead.EXPECT_CONTINUE : 0)
                | (upgradeListsWebSocket ? RequestHead.UPGRADE_LISTS_WEBSOCKET : 0)
                | (connectionUpgrade && upgradeSeen && http11 ? RequestHead.UPGRADE : 0);
        RequestHead head = new RequestHead(method, target,
                fieldCount == 0 ? RequestHead.NO_FIELDS : Arrays.copyOf(fields, 2 * fieldCount), contentLength, flags);
        state = State.DONE;
        return head;
    }
}
