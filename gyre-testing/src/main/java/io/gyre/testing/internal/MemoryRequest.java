package io.gyre.testing.internal;

import io.gyre.server.AppState;
import io.gyre.server.Headers;
import io.gyre.server.Request;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A request built in memory by the test client; nothing here touches a socket. */
public final class MemoryRequest implements Request {
    private final String method;
    private final String scheme;
    private final String target;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Headers headers;
    private final byte[] body;
    private final InputStream bodyStream;
    private final AppState state;

    public MemoryRequest(String method, String scheme, String target, Headers headers, byte[] body, AppState state) {
        this.method = method;
        this.scheme = scheme;
        this.target = target;
        int q = target.indexOf('?');
        this.path = q < 0 ? target : target.substring(0, q);
        this.rawQuery = q < 0 ? "" : target.substring(q + 1);
        this.query = QueryParser.parse(rawQuery);
        this.headers = headers;
        this.body = body;
        this.bodyStream = new ByteArrayInputStream(body);
        this.state = state;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return query;
    }

    @Override
    public String version() {
        return "HTTP/1.1";
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50000);
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String rootPath() {
        return "";
    }

    @Override
    public OptionalLong contentLength() {
        return body.length == 0 ? OptionalLong.empty() : OptionalLong.of(body.length);
    }

    @Override
    public boolean hasBody() {
        return body.length > 0;
    }

    @Override
    public InputStream body() {
        return bodyStream;
    }

    @Override
    public byte[] bodyBytes() {
        return body.clone();
    }

    @Override
    public AppState state() {
        return state;
    }
}
