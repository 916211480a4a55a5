package io.gyre.server.internal;

import io.gyre.server.AppState;
import io.gyre.server.Headers;
import io.gyre.server.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The request side of an {@link Exchange}. */
final class RequestImpl implements Request {
    private final Exchange ex;
    private final InetSocketAddress remote;
    private final String scheme;
    private Map<String, List<String>> query;
    private BodyStream body;

    RequestImpl(Exchange ex) {
        this.ex = ex;
        InetSocketAddress peer = ex.conn.peer();
        // the forwarded fields count only from a trusted peer; without them the answers are fixed
        // (and the head's Headers are not made for them)
        if (ex.conn.peerTrusted() && (ex.head.hasField("X-Forwarded-For") || ex.head.hasField("X-Forwarded-Proto"))) {
            Headers headers = ex.head.headers();
            TrustedProxies proxies = ex.conn.server().proxies();
            this.remote = headers.contains("X-Forwarded-For") ? proxies.client(peer, headers) : peer;
            this.scheme = headers.contains("X-Forwarded-Proto") ? proxies.scheme(peer, headers) : "http";
        } else {
            this.remote = peer;
            this.scheme = "http";
        }
    }

    @Override
    public String method() {
        return ex.head.method();
    }

    @Override
    public String target() {
        return ex.head.target();
    }

    @Override
    public String path() {
        return ex.head.path();
    }

    @Override
    public String rawQuery() {
        return ex.head.rawQuery();
    }

    @Override
    public Optional<String> query(String name) {
        List<String> v = queryParams().get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    @Override
    public synchronized Map<String, List<String>> queryParams() {
        if (query == null) {
            query = QueryParams.parse(ex.head.rawQuery());
        }
        return query;
    }

    @Override
    public String version() {
        return ex.head.version().text();
    }

    @Override
    public Headers headers() {
        return ex.head.headers();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String rootPath() {
        return ex.conn.server().config().rootPath();
    }

    @Override
    public OptionalLong contentLength() {
        return ex.head.contentLength() >= 0 ? OptionalLong.of(ex.head.contentLength()) : OptionalLong.empty();
    }

    @Override
    public boolean hasBody() {
        return ex.head.hasBody();
    }

    @Override
    public synchronized InputStream body() {
        Blocking.requireNotLoop(ex.conn, "request.body()");
        if (body == null) {
            body = new BodyStream(ex);
        }
        return body;
    }

    @Override
    public byte[] bodyBytes() {
        Blocking.requireNotLoop(ex.conn, "request.bodyBytes()");
        InputStream in = body();
        long declared = ex.head.contentLength();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, 1 << 20) : 256);
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the body of '" + ex.head + "': " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public Runnable onShutdown(Runnable action) {
        return ex.conn.server().onShutdown(action);
    }

    @Override
    public AppState state() {
        return ex.conn.server().state();
    }

    @Override
    public String toString() {
        return ex.head.toString();
    }
}
