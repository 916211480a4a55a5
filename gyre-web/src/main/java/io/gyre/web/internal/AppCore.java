package io.gyre.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.runtime.CancelledException;
import io.gyre.server.Headers;
import io.gyre.server.Request;
import io.gyre.server.Response;
import io.gyre.server.ResponseAbortedException;
import io.gyre.web.HttpException;
import io.gyre.web.InvalidMessageException;
import io.gyre.web.Middleware;
import io.gyre.web.ResponseBody;
import io.gyre.web.RouteInfo;
import io.gyre.web.Session;
import io.gyre.web.Sessions;
import io.gyre.web.TrustedHosts;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The app behind {@code WebApp}: routing, the middleware chain, exceptions, response writing,
 * and the lifecycle NEW -> STARTING -> RUNNING -> STOPPING -> STOPPED (or FAILED).
 *
 * <p>Thread-safety: routes, middleware and handlers are fixed at build; {@code state} is an
 * atomic reference; the lifespan and after-response runner are written by start() and read by
 * requests after the RUNNING state is published.
 */
public final class AppCore {
    /** Why a request's background tasks are dropped when its response was never written. */
    private static final Optional<String> NOT_WRITTEN =
            Optional.of("the request was cancelled or its response failed after it started");
    private static final Logger LOG = LoggerFactory.getLogger("io.gyre.web");

    /** The lifecycle states. */
    public enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED, FAILED }

    private final AppConfig config;
    private final ObjectMapper mapper;
    private final Dependencies dependencies;
    private final Router<CompiledRoute> router = new Router<>();
    private final Router<WebSocketTarget> webSockets = new Router<>();
    private final List<CompiledRoute> routes = new ArrayList<>();
    private final List<CompiledRoute> webSocketRoutes = new ArrayList<>();
    private final Map<String, CompiledRoute> byName = new LinkedHashMap<>();
    private final Middleware.Next chain;
    /** The app's TrustedHosts middleware, which also holds WebSocket handshakes (see acceptUpgrade). */
    private final List<TrustedHosts> hostGuards;
    private final Exceptions exceptions;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile LifespanImpl lifespan;
    private volatile AfterResponse afterResponse;
    private volatile String stateChange = "never started";

    public AppCore(AppConfig config) {
        this.config = config;
        this.mapper = config.mapper().orElseGet(JsonSupport::defaultMapper);
        this.dependencies = new Dependencies(config.providers());
        RouteCompiler compiler = new RouteCompiler(mapper, dependencies,
                type -> Optional.ofNullable(config.securitySchemes().get(type)), config.appDependencies());
        List<Class<?>> classes = new ArrayList<>(config.routeClasses());
        for (Object instance : config.routeInstances()) {
            classes.add(instance.getClass());
        }
        for (Class<?> type : classes) {
            for (CompiledRoute route : compiler.compile(type)) {
                if (route.info.method().equals(RouteCompiler.WEBSOCKET)) {
                    webSockets.add("GET", PathTemplate.parse(route.info.path(), route.info.name()),
                            new WebSocketTarget(route, route.method.getAnnotation(io.gyre.web.WebSocketRoute.class)
                                    .subprotocols()));
                    webSocketRoutes.add(route);
                } else {
                    router.add(route.info.method(), PathTemplate.parse(route.info.path(), route.info.name()), route);
                    routes.add(route);
                }
                CompiledRoute previous = byName.putIfAbsent(route.info.name(), route);
                if (previous != null) {
                    throw new IllegalArgumentException("two routes are named '" + route.info.name() + "' ("
                            + previous.owner.getSimpleName() + "." + previous.method.getName() + " and "
                            + route.owner.getSimpleName() + "." + route.method.getName()
                            + "); give one a distinct name with the annotation's name attribute");
                }
            }
        }
        checkSessions(config.middleware());
        if (compiler.validates()) {
            Validation.validator(); // started now rather than on the first request that needs it
        }
        this.exceptions = new Exceptions(config.exceptionHandlers(), config.statusHandlers(), config.debug());
        Middleware.Next next = request -> {
            if (!(request instanceof RequestState rs)) {
                throw new IllegalStateException("A middleware passed on a request it did not receive ("
                        + request.getClass().getName() + "); pass the request given to handle(request, next) to"
                        + " next.proceed, and use request.attribute(key, value) to attach data");
            }
            return dispatch(rs);
        };
        List<Middleware> middleware = config.middleware();
        for (int i = middleware.size() - 1; i >= 0; i--) {
            Middleware layer = middleware.get(i);
            Middleware.Next inner = next;
            Middleware.Next serialized = request -> serializedForMiddleware(request, inner.proceed(request));
            next = request -> layer.handle(request, serialized);
        }
        this.chain = next;
        this.hostGuards = middleware.stream().filter(TrustedHosts.class::isInstance).map(TrustedHosts.class::cast)
                .toList();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public Dependencies dependencies() {
        return dependencies;
    }

    public AppConfig config() {
        return config;
    }

    public State state() {
        return state.get();
    }

    public List<RouteInfo> routes() {
        return routes.stream().map(r -> r.info).toList();
    }

    public List<RouteInfo> webSocketRoutes() {
        return webSocketRoutes.stream().map(r -> r.info).toList();
    }

    /** The endpoint for a WebSocket upgrade of this raw path, if a WebSocket route matches. */
    public Optional<io.gyre.server.WebSocketEndpoint> webSocketEndpoint(String rawPath) {
        if (webSockets.match("GET", Router.segments(rawPath)) instanceof Router.Found<WebSocketTarget> found) {
            CompiledRoute route = found.target().route();
            Map<String, String> params = found.params();
            var endpoint = io.gyre.server.WebSocketEndpoint.builder(session -> runWebSocket(route, params, session))
                    .subprotocols(found.target().subprotocols());
            if (!hostGuards.isEmpty()) {
                endpoint.acceptor(this::acceptUpgrade);
            }
            return Optional.of(endpoint.build());
        }
        return Optional.empty();
    }

    /** A WebSocket route with the subprotocols its annotation lists, read once. */
    private record WebSocketTarget(CompiledRoute route, String[] subprotocols) {
    }

    /**
     * Holds a WebSocket handshake to the app's {@link TrustedHosts}, as Starlette's middleware
     * holds a websocket scope: HTTP middleware does not wrap WebSocket routes, but a handshake
     * from a host the app does not serve (DNS rebinding) must not open a session. A refused
     * handshake gets the middleware's answer (400) instead of the 101.
     */
    private boolean acceptUpgrade(Request request, Response response) throws Exception {
        for (TrustedHosts guard : hostGuards) {
            RequestState rs = new RequestState(this, request);
            WebResponse allowed = WebResponse.of(101).build();
            WebResponse answer = guard.handle(rs, passed -> allowed);
            if (answer != allowed) {
                ResponseWriter.write(rs, answer, response);
                return false;
            }
        }
        return true;
    }

    private void runWebSocket(CompiledRoute route, Map<String, String> params, io.gyre.server.WebSocketSession session)
            throws Exception {
        State current = state.get();
        if (current != State.RUNNING) {
            session.close(1013, "app " + current);
            return;
        }
        RequestState rs = new RequestState(this, session.request());
        rs.session(session);
        rs.pathParams(params);
        try {
            route.invoke(rs);
        } catch (io.gyre.web.RequestValidationException e) {
            rs.failed(e);
            session.close(1008, "invalid " + e.errors().getFirst().loc() + ": " + e.errors().getFirst().msg());
        } catch (InvalidMessageException e) {
            rs.failed(e);
            LOG.debug("WebSocket route {} closed the session with 1007: {}", route.info.path(), e.getMessage());
            session.close(1007, e.getMessage());
        } catch (HttpException e) {
            rs.failed(e);
            // a refusal (4xx) is a policy violation; a server error (5xx) is 1011, as RFC 6455 7.4.1 has it
            session.close(e.status() >= 500 ? 1011 : 1008, closeReason(e.detail()));
        } catch (Exception | Error e) {
            Throwable failure = Exceptions.asCancellation(e);
            rs.failed(failure);
            if (failure instanceof CancelledException cancelled) {
                throw cancelled;
            }
            throw e;
        } catch (Throwable e) {
            rs.failed(e);
            throw new IllegalStateException("WebSocket route " + route.info.path() + " failed: " + e, e);
        } finally {
            teardown(rs);
            afterResponse(rs, "WEBSOCKET", Optional.empty());
        }
    }

    /** An {@link HttpException}'s detail as a close reason: a string as it is, anything else as JSON. */
    private String closeReason(Object detail) {
        if (detail instanceof String text) {
            return text;
        }
        try {
            return mapper.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            return String.valueOf(detail);
        }
    }

    public String urlFor(String name, Map<String, ?> params) {
        CompiledRoute route = byName.get(name);
        if (route == null) {
            route = webSocketRoutes.stream().filter(r -> r.info.name().equals(name)).findFirst().orElse(null);
        }
        if (route == null) {
            throw new IllegalArgumentException("no route named '" + name + "'; routes are " + byName.keySet());
        }
        return PathTemplate.parse(route.info.path(), name).expand(params);
    }

    // ---- lifecycle ----------------------------------------------------------------------

    public void start() {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            throw new IllegalStateException("App '" + config.title() + "' cannot start: it is " + state.get()
                    + " (" + stateChange + "); an app starts once; build a new one to start again");
        }
        LifespanImpl life = new LifespanImpl(config.title());
        String step = "";
        try {
            List<io.gyre.web.Lifespan.Setup> setups = config.lifespans();
            for (int i = 0; i < setups.size(); i++) {
                step = " in its lifespan function #" + (i + 1) + " of " + setups.size();
                setups.get(i).start(life);
            }
            for (var mount : config.mounts().entrySet()) {
                if (mount.getValue() instanceof io.gyre.web.WebApp sub) {
                    step = " while starting the app mounted at " + mount.getKey();
                    sub.start();
                    life.resource(() -> sub.stop(config.shutdownTimeout()));
                }
            }
            step = "";
            life.seal();
            dependencies.singletons(life.provided());
            for (Class<?> type : config.routeClasses()) {
                Object instance = instantiate(type);
                routes.stream().filter(r -> r.owner == type).forEach(r -> r.bind(instance));
                webSocketRoutes.stream().filter(r -> r.owner == type).forEach(r -> r.bind(instance));
            }
            for (Object instance : config.routeInstances()) {
                routes.stream().filter(r -> r.owner == instance.getClass()).forEach(r -> r.bind(instance));
                webSocketRoutes.stream().filter(r -> r.owner == instance.getClass()).forEach(r -> r.bind(instance));
            }
            checkDependencies();
            afterResponse = new AfterResponse(config.title());
        } catch (Throwable e) {
            state.set(State.FAILED);
            stateChange = "failed to start at " + java.time.LocalTime.now() + ": " + e;
            life.close(Duration.ofSeconds(5));
            if (e instanceof CancelledException cancelled) {
                throw cancelled;
            }
            throw new IllegalStateException("App '" + config.title() + "' failed to start" + step + ": "
                    + (step.isEmpty() ? e.getMessage() : e.toString()), e);
        }
        lifespan = life;
        stateChange = "started at " + java.time.LocalTime.now();
        state.set(State.RUNNING);
    }

    private void checkDependencies() {
        List<CompiledRoute> all = new ArrayList<>(routes);
        all.addAll(webSocketRoutes);
        for (CompiledRoute route : all) {
            for (Class<?> dependency : route.requiredDependencies()) {
                if (!dependencies.canResolve(dependency) && !isRequestType(dependency)) {
                    throw new IllegalStateException(route.owner.getSimpleName() + "." + route.method.getName()
                            + " needs a " + dependency.getName() + ", but nothing provides it. Provide it in the"
                            + " lifespan (life.provide(" + dependency.getSimpleName() + ".class, value)) or register a"
                            + " per-request provider (.dependency(" + dependency.getSimpleName()
                            + ".class, scope -> ...)); if it should be the JSON body, annotate the parameter with @Body");
                }
            }
        }
    }

    private static boolean isRequestType(Class<?> type) {
        return type == WebRequest.class || type == Session.class; // checkSessions made sure of the latter
    }

    /** A route with a Session parameter needs the Sessions middleware (unless a provider stands in for it). */
    private void checkSessions(List<Middleware> middleware) {
        if (dependencies.hasProvider(Session.class)) {
            return;
        }
        boolean installed = middleware.stream().anyMatch(Sessions.class::isInstance);
        for (CompiledRoute route : webSocketRoutes) {
            if (route.requiredDependencies().contains(Session.class)) {
                throw new IllegalStateException(route.owner.getSimpleName() + "." + route.method.getName()
                        + " is a WebSocket route with a Session parameter, but WebSocket routes have no session (HTTP"
                        + " middleware does not wrap them, and a WebSocket cannot set cookies); read what it needs"
                        + " from the session in an HTTP route and pass it on, or read a cookie parameter");
            }
        }
        if (!installed) {
            for (CompiledRoute route : routes) {
                if (route.requiredDependencies().contains(Session.class)) {
                    throw new IllegalStateException(route.owner.getSimpleName() + "." + route.method.getName()
                            + " takes a Session, but app '" + config.title() + "' has no Sessions middleware. Add"
                            + " .middleware(Sessions.builder(secretKey).build()) to it (a mounted app needs its own,"
                            + " with the same key and cookie name to share the session)");
                }
            }
        }
    }

    private Object instantiate(Class<?> type) throws Exception {
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException("Routes class " + type.getName() + " must have exactly one public constructor"
                    + " (it has " + constructors.length + "); its parameters are filled from what the lifespan provides");
        }
        Constructor<?> constructor = constructors[0];
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalStateException("Routes class " + type.getName() + " is abstract; give a concrete class");
        }
        Object[] args = new Object[constructor.getParameterCount()];
        Class<?>[] types = constructor.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            Optional<Object> value = dependencies.singleton(types[i]);
            if (value.isEmpty()) {
                throw new IllegalStateException("Routes class " + type.getSimpleName() + " needs a " + types[i].getName()
                        + " in its constructor, but the lifespan does not provide one; add life.provide("
                        + types[i].getSimpleName() + ".class, value) to the lifespan (provided: "
                        + dependencies.singletons().keySet().stream().map(Class::getSimpleName).toList() + ")");
            }
            args[i] = value.get();
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Drains after-response work, then closes the lifespan; idempotent. */
    public void stop(Duration grace) {
        State current = state.get();
        if (current == State.NEW || current == State.FAILED) {
            state.set(State.STOPPED);
            return;
        }
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            return;
        }
        try {
            AfterResponse after = afterResponse;
            if (after != null) {
                after.drain(grace, Duration.ofSeconds(5));
            }
            LifespanImpl life = lifespan;
            if (life != null) {
                life.close(grace);
            }
        } finally {
            stateChange = "stopped at " + java.time.LocalTime.now();
            state.set(State.STOPPED);
        }
    }

    public int backgroundRunning() {
        AfterResponse after = afterResponse;
        return after == null ? 0 : after.running();
    }

    // ---- requests -------------------------------------------------------------------------

    /** Handles one request; {@code unhandled} gets each failure answered with 500 (see WebApp). */
    public void handle(Request request, Response response, java.util.function.Consumer<Throwable> unhandled)
            throws Exception {
        java.util.Objects.requireNonNull(unhandled, "unhandled");
        ScopedValue.where(Exceptions.UNHANDLED, unhandled).call(() -> {
            handle(request, response);
            return null;
        });
    }

    /** Records what the request failed with and answers it through the exception handlers. */
    private WebResponse answer(RequestState rs, Throwable thrown) {
        Throwable failure = Exceptions.asCancellation(thrown);
        rs.failed(failure);
        return finish(rs, exceptions.toResponse(rs, failure));
    }

    public void handle(Request request, Response response) {
        State current = state.get();
        if (current != State.RUNNING) {
            throw new IllegalStateException("App '" + config.title() + "' is " + current + " (" + stateChange + ") and"
                    + " cannot serve " + request.method() + " " + request.path() + ". Run its lifespan: serve it with"
                    + " app.server() (or HttpServer.builder().handler(app).onStartup(app.startupHook())"
                    + ".onShutdown(app.shutdownHook())), or open it with TestClient in tests");
        }
        RequestState rs = new RequestState(this, request);
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Optional<String> unwritten = NOT_WRITTEN;
        try {
            WebResponse out;
            try {
                out = finish(rs, chain.proceed(rs));
            } catch (Throwable thrown) {
                out = answer(rs, thrown);
            }
            unwritten = send(rs, out, response);
        } finally {
            teardown(rs);
            afterResponse(rs, rs.method(), unwritten);
            if (mdc == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(mdc);
            }
        }
    }

    /**
     * Writes the response; returns why it was not written, if it was not. A body that fails
     * before its head was sent is answered like a handler failure; one that fails after that is
     * logged, and the connection is cut so that the client sees the body cut short.
     */
    private Optional<String> send(RequestState rs, WebResponse out, Response response) {
        try {
            try {
                ResponseWriter.write(rs, out, response);
                return Optional.empty();
            } catch (ResponseWriter.BodyFailed e) {
                Throwable failure = e.getCause();
                if (e.started()) {
                    // the one record of this failure: the server cuts the connection without another
                    LOG.error("The response body of {} {} failed after the response started; closing the connection"
                            + " so that the client sees it incomplete", rs.method(), rs.path(), failure);
                    throw new ResponseAbortedException("the response body of " + rs.method() + " " + rs.path()
                            + " failed after the response started (logged by io.gyre.web): " + failure, failure);
                }
                ResponseWriter.write(rs, finish(rs, exceptions.toResponse(rs, failure)), response);
                return Optional.of("its response body failed: " + failure);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("Client left during {} {}: {}", rs.method(), rs.path(), e.toString());
            return Optional.of("the client left before the response was written");
        } catch (ResponseWriter.BodyFailed e) {
            // the error response's own body failed: nothing more to answer with
            throw new IllegalStateException("the error response of " + rs.method() + " " + rs.path() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("mounted handler failed on " + rs.method() + " " + rs.path() + ": " + e, e);
        }
    }

    /**
     * Background tasks belong to the response: they run when the handler returned normally and
     * its response was written (for a WebSocket route: when its session handler returned
     * normally); otherwise they are dropped.
     */
    private void afterResponse(RequestState rs, String method, Optional<String> unwritten) {
        List<RequestState.Work> work = rs.backgroundWork();
        if (work.isEmpty()) {
            return; // the common case: no label built, nothing decided
        }
        String request = method + " " + rs.path();
        Optional<String> dropped = rs.failure().map(AppCore::failedBecause).or(() -> unwritten);
        if (dropped.isEmpty()) {
            afterResponse.schedule(request, work);
        } else {
            LOG.debug("Dropped {} background task(s) of {}: {}", work.size(), request, dropped.get());
        }
    }

    private static String failedBecause(Throwable failure) {
        return failure instanceof HttpException http
                ? "the handler raised HttpException " + http.status()
                : "the handler failed: " + failure;
    }

    /** Cleanup must finish even when the request was cancelled: shielded, with a bound. */
    private static void teardown(RequestState rs) {
        if (rs.hasCleanup() && io.gyre.runtime.Task.current().isPresent()) {
            io.gyre.runtime.Cancellation.shield(TEARDOWN_BOUND, () -> {
                rs.teardown();
                return null;
            });
        } else {
            rs.teardown();
        }
    }

    private static final Duration TEARDOWN_BOUND = Duration.ofSeconds(10);

    private WebResponse dispatch(RequestState rs) {
        try {
            String rawPath = rs.raw().path();
            for (var mount : config.mounts().entrySet()) {
                String prefix = mount.getKey();
                if (rawPath.startsWith(prefix) && (rawPath.length() == prefix.length() || rawPath.charAt(prefix.length()) == '/')) {
                    if (mount.getValue() instanceof StaticDirectory files) { // answered like a route, under the middleware
                        return finish(rs, files.respond(rs.method(), rawPath.substring(prefix.length()),
                                rs.raw().rootPath() + prefix, rs.rawQuery()));
                    }
                    return WebResponse.of(200).body(new Bodies.Mounted(mount.getValue(), new MountedRequest(rs.raw(), prefix)))
                            .build();
                }
            }
            Router.Result<CompiledRoute> result = router.match(rs.method(), rawPath);
            return switch (result) {
                case Router.Found<CompiledRoute> found -> {
                    rs.pathParams(found.params());
                    CompiledRoute route = found.target();
                    yield finish(rs, toResponse(route, route.invoke(rs)));
                }
                case Router.MethodNotAllowed<CompiledRoute> notAllowed -> throw new HttpException(405,
                        "Method Not Allowed", Headers.of("Allow", String.join(", ", notAllowed.allowed())));
                case Router.NotFound<CompiledRoute> notFound -> {
                    if (config.redirectSlashes() && !rawPath.equals("/")) {
                        String other = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath + "/";
                        if (!(router.match(rs.method(), other) instanceof Router.NotFound<CompiledRoute>)) {
                            // the client's path: under the server's root path and any mount prefix
                            String query = rs.rawQuery();
                            yield WebResponse.redirect(rs.raw().rootPath() + other + (query.isEmpty() ? "" : "?" + query),
                                    307);
                        }
                    }
                    throw new HttpException(404);
                }
            };
        } catch (Throwable thrown) {
            return answer(rs, thrown);
        }
    }

    private WebResponse toResponse(CompiledRoute route, Object result) throws JsonProcessingException {
        int status = route.info.status();
        return switch (result) {
            case null -> route.method.getReturnType() == void.class
                    ? WebResponse.of(status).empty()
                    : WebResponse.of(status).bytes("null".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
            case WebResponse response -> response;
            case Optional<?> optional -> {
                if (optional.isEmpty()) {
                    throw new HttpException(404);
                }
                yield toResponse(route, optional.get());
            }
            case String text -> WebResponse.of(status).text(text);
            case byte[] bytes -> WebResponse.of(status).bytes(bytes, "application/octet-stream");
            case Path file -> WebResponse.of(status).body(new Bodies.FileBody(file), Bodies.contentType(file));
            case ResponseBody body -> WebResponse.of(status).body(body, "application/octet-stream");
            default -> {
                byte[] json = route.writer.isPresent() && Types.raw(route.info.returnType()).isInstance(result)
                        ? route.writer.get().writeValueAsBytes(result)
                        : mapper.writeValueAsBytes(result);
                yield WebResponse.of(status).bytes(json, "application/json");
            }
        };
    }

    /** Serializes JSON bodies and resolves file bodies against the request's conditions. */
    private WebResponse finish(RequestState rs, WebResponse response) {
        try {
            return switch (response.body()) {
                case Bodies.JsonBody json -> serialized(rs, response, json);
                case Bodies.FileBody file -> FileResponses.resolve(rs, response, file);
                default -> response;
            };
        } catch (HttpException e) {
            rs.failed(e);
            return Exceptions.httpError(e).toBuilder().body(ResponseBody.of(jsonBytes(Map.of("detail", e.detail())))).build();
        }
    }

    /**
     * What a middleware gets from {@code next}: JSON already serialized, as the app sends it, so
     * that a middleware that rewrites bodies (GZip) can read a JSON response an inner one made.
     */
    private WebResponse serializedForMiddleware(WebRequest request, WebResponse response) {
        return response.body() instanceof Bodies.JsonBody json && request instanceof RequestState rs
                ? serialized(rs, response, json)
                : response;
    }

    private WebResponse serialized(RequestState rs, WebResponse response, Bodies.JsonBody json) {
        try {
            return response.toBuilder().body(ResponseBody.of(mapper.writeValueAsBytes(json.value()))).build();
        } catch (JsonProcessingException e) {
            rs.failed(e);
            LOG.error("Cannot serialize the response of {} {} as JSON", rs.method(), rs.path(), e);
            return WebResponse.of(500).bytes(jsonBytes(Map.of("detail", "Internal Server Error")), "application/json");
        }
    }

    private byte[] jsonBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("internal error: cannot serialize " + value + " (please report)", e);
        }
    }
}
