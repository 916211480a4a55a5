package io.gyre.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.runtime.VoidBody;
import io.gyre.server.Headers;
import io.gyre.server.Request;
import io.gyre.web.BackgroundTasks;
import io.gyre.web.ParamSource;
import io.gyre.web.Provider;
import io.gyre.web.RequestScope;
import io.gyre.web.Session;
import io.gyre.web.Sessions;
import io.gyre.web.ValidationError;
import io.gyre.web.WebRequest;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything about one request in the framework: the request view, its dependency scope and
 * cleanup stack, its background tasks, the parsed body.
 *
 * <p>Thread-safety: used by the request's task; attributes are a concurrent map because
 * middleware may hand the request to other tasks.
 */
public final class RequestState implements WebRequest, RequestScope, BackgroundTasks {
    private static final Logger LOG = LoggerFactory.getLogger("io.gyre.web");

    /** A background task added by the handler. */
    public record Work(String name, VoidBody body) {
    }

    /**
     * A cleanup action and where it came from: the provider of {@code provider} (which returned
     * it if {@code returned}), or the request itself when {@code provider} is null. The text for
     * the log is built only if the cleanup fails.
     */
    private record Cleanup(AutoCloseable action, Class<?> provider, boolean returned) {
        String what() {
            return provider == null ? "cleanup " + action + " registered during the request"
                    : returned ? "closing the " + provider.getName() + " its provider returned"
                    : "cleanup registered by the provider of " + provider.getName();
        }
    }

    private final AppCore app;
    private final Request request;
    private Map<String, String> pathParams = Map.of();
    private String path;
    private Map<String, String> cookies;
    private Map<Class<?>, Object> resolved;
    private java.util.SequencedSet<Class<?>> resolving; // the providers running now, innermost last
    private ArrayDeque<Cleanup> cleanup;
    private List<Work> background;
    private Throwable failure; // the first failure of the handler or a middleware; drops the background work
    private Map<String, Object> attributes;
    private boolean bodyRead;
    private Optional<JsonNode> body = Optional.empty();
    private java.io.InputStream bodyStream;
    private byte[] bodyBytes; // the whole body once read; guarded by this
    /**
     * Why reading the body from the server failed (over the size limit, bad chunk framing, body
     * deadline, client gone): the server answers such a request itself. Volatile: middleware may
     * read the body on another task.
     */
    private volatile IOException bodyFailure;

    private io.gyre.server.WebSocketSession session;

    void session(io.gyre.server.WebSocketSession webSocket) {
        this.session = webSocket;
    }

    io.gyre.server.WebSocketSession session() {
        return session;
    }

    RequestState(AppCore app, Request request) {
        this.app = app;
        this.request = request;
    }

    public Request raw() {
        return request;
    }

    /** The app's JSON mapper. */
    public ObjectMapper mapper() {
        return app.mapper();
    }

    /** The session the Sessions middleware attached; an error naming the fix without one. */
    private Session httpSession() {
        return attribute(Sessions.ATTRIBUTE, Session.class).orElseThrow(() ->
                new IllegalStateException("No session for " + method() + " " + path() + ": no Sessions middleware ran"
                        + " for this request. Add .middleware(Sessions.builder(secretKey).build()) to the app that"
                        + " serves it (a mounted app needs its own; WebSocket routes have no session)"));
    }

    void pathParams(Map<String, String> params) {
        this.pathParams = params;
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String path() {
        if (path == null) {
            path = PercentCodec.decode(request.path(), false);
        }
        return path;
    }

    @Override
    public String rawQuery() {
        return request.rawQuery();
    }

    @Override
    public Optional<String> query(String name) {
        List<String> values = queryAll(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    @Override
    public List<String> queryAll(String name) {
        List<String> values = request.queryParams().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public Headers headers() {
        return request.headers();
    }

    @Override
    public synchronized java.io.InputStream body() {
        if (bodyBytes != null) {
            return new java.io.ByteArrayInputStream(bodyBytes); // read whole already: a dependency, say
        }
        if (bodyStream == null) {
            bodyStream = new WatchedBody(request.body());
        }
        return bodyStream;
    }

    /**
     * Reads the body once and keeps it, as Starlette's {@code request.body()} does: a dependency
     * that reads it leaves it to the route's body, form and file parameters. The first caller
     * gets the kept array itself (no copy for the common single read); later ones get a copy, so
     * what they do with theirs changes nothing. The WebRequest Javadoc asks callers not to change it.
     */
    @Override
    public synchronized byte[] bodyBytes() {
        boolean first = bodyBytes == null;
        byte[] kept = keptBody();
        return first ? kept : kept.clone();
    }

    /** The whole body, read once; the framework's own reads share the array and do not change it. */
    private synchronized byte[] keptBody() {
        if (bodyBytes == null) {
            try {
                bodyBytes = request.bodyBytes();
            } catch (java.io.UncheckedIOException e) {
                recorded(e.getCause());
                throw e;
            }
        }
        return bodyBytes;
    }

    /**
     * Whether {@code failure} is (or was caused by) the failure of reading the request body from
     * the server: the server's refusal (answered with its status, see Exceptions) or a client that left.
     */
    boolean isBodyFailure(Throwable failure) {
        IOException known = bodyFailure;
        if (known == null) {
            return false;
        }
        int depth = 0;
        for (Throwable c = failure; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c == known) {
                return true;
            }
        }
        return false;
    }

    /** Remembers a failed read of the body from the server; returns it, to be rethrown. */
    private IOException recorded(IOException e) {
        bodyFailure = e;
        return e;
    }

    /** The server's body stream, remembering a failed read. */
    private final class WatchedBody extends java.io.FilterInputStream {
        WatchedBody(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw recorded(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw recorded(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw recorded(e);
            }
        }
    }

    @Override
    public Map<String, String> cookies() {
        if (cookies == null) {
            Map<String, String> parsed = new LinkedHashMap<>();
            for (String header : request.headers().all("Cookie")) {
                for (String pair : header.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        String name = pair.substring(0, eq).strip();
                        String value = pair.substring(eq + 1).strip();
                        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                            value = value.substring(1, value.length() - 1);
                        }
                        parsed.put(name, value); // a repeated name: the last wins, as in Starlette
                    }
                }
            }
            cookies = Map.copyOf(parsed);
        }
        return cookies;
    }

    @Override
    public Map<String, String> pathParams() {
        return pathParams;
    }

    @Override
    public String peer() {
        var address = request.remoteAddress();
        return (address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress())
                + ":" + address.getPort();
    }

    @Override
    public String scheme() {
        return request.scheme();
    }

    @Override
    public <T> Optional<T> attribute(String key, Class<T> type) {
        Object value = attributes == null ? null : attributes.get(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    @Override
    public synchronized void attribute(String key, Object value) {
        if (attributes == null) {
            attributes = new ConcurrentHashMap<>();
        }
        attributes.put(key, value);
    }

    /** The raw text values of a parameter from a source. */
    List<String> rawValues(ParamSource source, String name) {
        return switch (source) {
            case PATH -> {
                String value = pathParams.get(name);
                yield value == null ? List.of() : List.of(value);
            }
            case QUERY -> queryAll(name);
            case HEADER -> request.headers().all(name);
            case COOKIE -> {
                String value = cookies().get(name);
                yield value == null ? List.of() : List.of(value);
            }
            case FORM -> {
                List<String> values = form().fields().get(name);
                yield values == null ? List.of() : values;
            }
            case BODY, FILE -> List.of();
        };
    }

    /** A parsed form body: text fields and file parts by name. */
    record FormData(Map<String, List<String>> fields, Map<String, List<io.gyre.web.UploadedFile>> files) {
    }

    private FormData form;

    /** Parses the body as a form once: urlencoded or multipart; anything else has no fields. */
    FormData form() {
        if (form == null) {
            String type = request.headers().first("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
            Map<String, List<String>> fields = new LinkedHashMap<>();
            Map<String, List<io.gyre.web.UploadedFile>> files = new LinkedHashMap<>();
            FormLimits limits = app.config().formLimits();
            if (type.startsWith("application/x-www-form-urlencoded")) {
                String body = new String(keptBody(), java.nio.charset.StandardCharsets.UTF_8);
                int count = 0;
                for (String pair : body.split("&")) {
                    if (!pair.isEmpty()) {
                        if (++count > limits.maxFields()) {
                            throw new io.gyre.web.HttpException(400, "There was an error parsing the form body: "
                                    + limits.tooManyFields());
                        }
                        int eq = pair.indexOf('=');
                        String name = PercentCodec.decode(eq < 0 ? pair : pair.substring(0, eq), true);
                        String value = eq < 0 ? "" : PercentCodec.decode(pair.substring(eq + 1), true);
                        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                    }
                }
            } else if (type.startsWith("multipart/form-data")) {
                String boundary = MultipartParser.boundary(request.headers().first("Content-Type").orElse(""));
                try {
                    for (SpooledFile part : MultipartParser.parse(body(), boundary,
                            app.config().uploadMemoryThreshold(), limits, this::onClose)) {
                        if (part.filename().isPresent()) {
                            files.computeIfAbsent(part.field(), k -> new ArrayList<>()).add(part);
                        } else {
                            fields.computeIfAbsent(part.field(), k -> new ArrayList<>()).add(part.text());
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("reading the multipart body failed: " + e.getMessage(), e);
                }
            }
            form = new FormData(fields, files);
        }
        return form;
    }

    /**
     * The parsed JSON body: empty if it was malformed or not JSON (reported once, a non-JSON one
     * with {@code notJsonType}); a missing node if there is none. As in FastAPI, a body is JSON
     * when its Content-Type is missing, {@code application/json} or {@code application/*+json}.
     */
    Optional<JsonNode> bodyTree(List<ValidationError> errors, String notJsonType) {
        if (!bodyRead) {
            bodyRead = true;
            byte[] bytes = keptBody();
            Optional<String> contentType = request.headers().first("Content-Type").filter(t -> !t.isBlank());
            if (bytes.length == 0) {
                body = Optional.of(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            } else if (contentType.isPresent() && !isJson(contentType.get())) {
                errors.add(new ValidationError(notJsonType, List.of("body"), "Input should be a JSON body: the"
                        + " request's Content-Type is '" + contentType.get().strip() + "'; send it as 'application/json'"
                        + " (or 'application/<type>+json')", Optional.of(new String(bytes,
                        java.nio.charset.StandardCharsets.UTF_8))));
            } else {
                try {
                    body = Optional.of(ExactWholeFloats.readTree(app.mapper(), bytes));
                } catch (JsonProcessingException e) {
                    errors.add(JsonErrors.malformed(e));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return body;
    }

    /** Whether a Content-Type is JSON: application/json or application/*+json, any parameters, any case. */
    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(java.util.Locale.ROOT);
        if (!media.startsWith("application/")) {
            return false;
        }
        String subtype = media.substring("application/".length());
        return subtype.equals("json") || subtype.endsWith("+json");
    }

    @Override
    public WebRequest request() {
        return this;
    }

    @Override
    public <T> T get(Class<T> type) {
        if (resolved != null) {
            Object cached = resolved.get(type);
            if (cached != null) {
                return type.cast(cached);
            }
        }
        Dependencies dependencies = app.dependencies();
        Optional<Provider<?>> provider = dependencies.provider(type);
        if (provider.isEmpty()) {
            Optional<Object> singleton = dependencies.singleton(type);
            if (singleton.isPresent()) {
                return type.cast(singleton.get());
            }
            if (WebRequest.class == type || RequestScope.class == type || BackgroundTasks.class == type) {
                return type.cast(this);
            }
            if (Session.class == type) {
                return type.cast(httpSession());
            }
            String askedBy = resolving == null || resolving.isEmpty() ? ""
                    : ", asked for by " + String.join(" -> ", names(resolving));
            throw new IllegalStateException("Nothing provides " + type.getName() + " for " + method() + " " + path()
                    + askedBy + " (known: " + String.join(", ", names(dependencies.knownTypes()))
                    + "); register a provider with"
                    + " WebApp.builder(...).dependency(" + type.getSimpleName() + ".class, scope -> ...)"
                    + " or provide it in the lifespan with life.provide(" + type.getSimpleName() + ".class, value)");
        }
        if (resolving == null) {
            resolving = new LinkedHashSet<>();
        }
        if (!resolving.add(type)) {
            List<Class<?>> chain = List.copyOf(resolving);
            List<String> cycle = names(chain.subList(chain.indexOf(type), chain.size()));
            throw new IllegalStateException("Dependency cycle for " + method() + " " + path() + ": "
                    + String.join(" -> ", cycle) + " -> " + type.getSimpleName() + "; a provider must not ask for its"
                    + " own type, directly or through the providers it asks: remove one of these scope.get(...) calls");
        }
        Object value;
        try {
            value = provider.get().provide(this);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (Exceptions.asCancellation(e) instanceof io.gyre.runtime.CancelledException cancelled) {
                throw cancelled; // the request was cancelled while the provider waited: not its failure
            }
            throw new DependencyException("Provider of " + type.getName() + " failed: " + e, e);
        } finally {
            resolving.remove(type);
        }
        if (value == null) {
            throw new IllegalStateException("Provider of " + type.getName() + " returned null for " + method() + " "
                    + path() + "; return a value, or throw an HttpException to answer the request");
        }
        if (resolved == null) {
            resolved = new IdentityHashMap<>(8);
        }
        resolved.put(type, value);
        if (value instanceof AutoCloseable closeable) {
            push(new Cleanup(closeable, type, true));
        }
        return type.cast(value);
    }

    private static List<String> names(java.util.Collection<Class<?>> types) {
        List<String> names = new ArrayList<>();
        for (Class<?> t : types) {
            names.add(t.getSimpleName());
        }
        return names;
    }

    @Override
    public void onClose(AutoCloseable action) {
        push(new Cleanup(java.util.Objects.requireNonNull(action, "action"),
                resolving == null || resolving.isEmpty() ? null : resolving.getLast(), false));
    }

    private void push(Cleanup action) {
        if (cleanup == null) {
            cleanup = new ArrayDeque<>(4);
        }
        cleanup.push(action);
    }

    @Override
    public void add(String name, VoidBody work) {
        if (background == null) {
            background = new ArrayList<>(2);
        }
        background.add(new Work(name, work));
    }

    List<Work> backgroundWork() {
        return background == null ? List.of() : background;
    }

    /** Records that the handler (or a middleware) failed; its background work is then dropped. */
    void failed(Throwable failure) {
        if (this.failure == null) {
            this.failure = failure;
        }
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    boolean hasCleanup() {
        return cleanup != null && !cleanup.isEmpty();
    }

    /**
     * Runs the cleanup stack, most recent first; every failure is logged at ERROR (the response
     * was already sent, so the log is its one record), none stops the rest.
     */
    void teardown() {
        if (cleanup == null) {
            return;
        }
        while (!cleanup.isEmpty()) {
            Cleanup action = cleanup.pop();
            try {
                action.action().close();
            } catch (Exception e) {
                LOG.error("Cleanup of {} {} failed ({}); the response was already sent and the other cleanups still"
                        + " run", method(), path(), action.what(), e);
            }
        }
    }

    /** Wraps a checked failure of a provider. */
    static final class DependencyException extends RuntimeException {
        DependencyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
