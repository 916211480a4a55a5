package io.gyre.web.internal;

import io.gyre.server.AppState;
import io.gyre.server.Headers;
import io.gyre.server.Request;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The request a mounted handler sees: the mount prefix moved from the path to the root path. */
record MountedRequest(Request request, String prefix) implements Request {
    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String target() {
        String target = request.target();
        String rest = target.startsWith(prefix) ? target.substring(prefix.length()) : target;
        return rest.isEmpty() || rest.startsWith("?") ? "/" + rest : rest;
    }

    @Override
    public String path() {
        String rest = request.path().substring(prefix.length());
        return rest.isEmpty() ? "/" : rest;
    }

    @Override
    public Runnable onShutdown(Runnable action) {
        return request.onShutdown(action);
    }

    @Override
    public String rawQuery() {
        return request.rawQuery();
    }

    @Override
    public Optional<String> query(String name) {
        return request.query(name);
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return request.queryParams();
    }

    @Override
    public String version() {
        return request.version();
    }

    @Override
    public Headers headers() {
        return request.headers();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public String scheme() {
        return request.scheme();
    }

    @Override
    public String rootPath() {
        return request.rootPath() + prefix;
    }

    @Override
    public OptionalLong contentLength() {
        return request.contentLength();
    }

    @Override
    public boolean hasBody() {
        return request.hasBody();
    }

    @Override
    public InputStream body() {
        return request.body();
    }

    @Override
    public byte[] bodyBytes() {
        return request.bodyBytes();
    }

    @Override
    public AppState state() {
        return request.state();
    }
}
