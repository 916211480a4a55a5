package io.gyre.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.server.Handler;
import io.gyre.server.HttpServer;
import io.gyre.server.LifespanHook;
import io.gyre.server.Request;
import io.gyre.server.Response;
import io.gyre.web.internal.AppConfig;
import io.gyre.web.internal.AppCore;
import io.gyre.web.internal.FormLimits;
import io.gyre.web.openapi.OpenApiConfig;
import io.gyre.web.openapi.internal.DocsMiddleware;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed web app: routes classes, a lifespan, dependencies, middleware and exception
 * handlers, served by the Gyre server. The FastAPI {@code app}.
 *
 * {@snippet :
 * WebApp app = WebApp.builder("Shop", "1.0")
 *     .lifespan(life -> {
 *         Store store = life.resource(Store.open());
 *         life.provide(Store.class, store);
 *     })
 *     .routes(Items.class)
 *     .build();
 * System.exit(app.server().port(8000).build().run());
 * }
 *
 * <p>The app is an {@link io.gyre.server.Handler}; its lifespan runs in {@link #start()} and
 * {@link #stop(Duration)}, which the server calls through {@link #startupHook()} and
 * {@link #shutdownHook()}. Lifecycle: new, then started once, then stopped.
 *
 * <p>Thread-safety: {@link #handle} may be called from any number of request tasks at once;
 * {@link #start()} and {@link #stop} are called once each, from a Gyre task.
 */
public final class WebApp implements Handler {
    private final AppCore core;
    private final OpenApiConfig openApi;

    private WebApp(AppCore core, OpenApiConfig openApi) {
        this.core = core;
        this.openApi = openApi;
    }

    /**
     * Starts building an app.
     *
     * @param title the app's title, used in logs and documentation
     * @param version the app's version, used in documentation
     * @return a builder
     */
    public static Builder builder(String title, String version) {
        return new Builder(title, version);
    }

    /**
     * Handles one request: routing, middleware, binding, the handler, the response, then the
     * request's cleanup and background tasks.
     *
     * @param request the request
     * @param response the response
     * @throws IllegalStateException if the app is not running (not started, or stopped)
     * @throws Exception a failure writing the response; handler failures become responses
     */
    @Override
    public void handle(Request request, Response response) throws Exception {
        core.handle(request, response);
    }

    /**
     * Handles one request as {@link #handle(Request, Response)} does, and hands {@code unhandled}
     * each failure that no exception handler answered: the one answered with 500 and logged (an
     * exception handler's own failure too). For test kits that rethrow the app's failure in the
     * test, as Starlette's {@code TestClient} does, and for embedders that count them.
     *
     * @param request the request
     * @param response the response
     * @param unhandled called on the request's thread, before the 500 is written
     * @throws IllegalStateException if the app is not running (not started, or stopped)
     * @throws Exception a failure writing the response; handler failures become responses
     */
    public void handle(Request request, Response response, java.util.function.Consumer<Throwable> unhandled)
            throws Exception {
        core.handle(request, response, unhandled);
    }

    /**
     * Runs the lifespan: the lifespan functions in order, then creates the routes instances
     * from what they provided. Blocking; must run in a Gyre task (for example a server startup
     * hook, or {@code Gyre.run}).
     *
     * @throws IllegalStateException if the app was started before, or if startup failed (the
     *     cause is the failure; resources opened so far are closed)
     */
    public void start() {
        core.start();
    }

    /**
     * Stops the app: waits up to {@code grace} for background tasks of requests, cancels what
     * is left, cancels and awaits the lifespan's background work, then closes the resources in
     * reverse order. Idempotent; blocking.
     *
     * @param grace how long to wait for background tasks before cancelling them
     */
    public void stop(Duration grace) {
        core.stop(grace);
    }

    /**
     * Stops the app with the builder's shutdown timeout (30 seconds by default).
     */
    public void stop() {
        core.stop(core.config().shutdownTimeout());
    }

    /**
     * Returns a server startup hook that runs {@link #start()}.
     *
     * @return the hook
     */
    public LifespanHook startupHook() {
        return state -> start();
    }

    /**
     * Returns a server shutdown hook that runs {@link #stop()}.
     *
     * @return the hook
     */
    public LifespanHook shutdownHook() {
        return state -> stop();
    }

    /**
     * Returns a server builder that serves this app and runs its lifespan.
     *
     * {@snippet :
     * System.exit(app.server().port(8000).build().run());
     * }
     *
     * @return a server builder with the handler and lifespan hooks set
     */
    public HttpServer.Builder server() {
        return serveWith(HttpServer.builder());
    }

    /**
     * Makes a server builder serve this app: sets it as the handler, adds its lifespan hooks
     * and routes WebSocket upgrades to its {@link WebSocketRoute}s.
     *
     * @param builder the server builder
     * @return {@code builder}
     */
    public HttpServer.Builder serveWith(HttpServer.Builder builder) {
        return builder.handler(this).onStartup(startupHook()).onShutdown(shutdownHook()).webSocketRouter(this::webSocket);
    }

    /**
     * Returns the WebSocket endpoint for an upgrade request's raw path, if a
     * {@link WebSocketRoute} matches it.
     *
     * @param rawPath the request path, still percent-encoded
     * @return the endpoint, or empty
     */
    public Optional<io.gyre.server.WebSocketEndpoint> webSocket(String rawPath) {
        return core.webSocketEndpoint(rawPath);
    }

    /**
     * Returns the WebSocket routes (not part of {@link #routes()}).
     *
     * @return the WebSocket routes; their method is {@code WEBSOCKET}
     */
    public List<RouteInfo> webSocketRoutes() {
        return core.webSocketRoutes();
    }

    /**
     * Returns the app's title.
     *
     * @return the title
     */
    public String title() {
        return core.config().title();
    }

    /**
     * Returns the app's version.
     *
     * @return the version
     */
    public String version() {
        return core.config().version();
    }

    /**
     * Returns the app's description.
     *
     * @return the description, possibly empty
     */
    public String description() {
        return core.config().description();
    }

    /**
     * Returns where the app serves its OpenAPI document and docs pages.
     *
     * @return the OpenAPI configuration
     */
    public OpenApiConfig openApi() {
        return openApi;
    }

    /**
     * Returns the routes, in the order they were declared.
     *
     * @return the routes
     */
    public List<RouteInfo> routes() {
        return core.routes();
    }

    /**
     * Returns the JSON mapper shared by every route.
     *
     * @return the mapper
     */
    public ObjectMapper objectMapper() {
        return core.mapper();
    }

    /**
     * Builds the path of a named route: reverse routing.
     *
     * @param name the route's name (the method name unless the annotation gives one)
     * @param params values of the path parameters
     * @return the path, with the values percent-encoded
     * @throws IllegalArgumentException if no route has this name or a value is missing
     */
    public String urlFor(String name, Map<String, ?> params) {
        return core.urlFor(name, params);
    }

    /**
     * Replaces a dependency for tests: FastAPI's {@code app.dependency_overrides}. Applies to
     * providers and lifespan-provided values alike, from the next request on.
     *
     * @param <T> the dependency's type
     * @param type the dependency's type
     * @param provider the replacement
     */
    public <T> void overrideDependency(Class<T> type, Provider<? extends T> provider) {
        core.dependencies().override(type, provider);
    }

    /**
     * Removes every dependency override.
     */
    public void clearOverrides() {
        core.dependencies().clearOverrides();
    }

    /**
     * Returns the number of request background tasks currently running or queued.
     *
     * @return the count
     */
    public int backgroundTasksRunning() {
        return core.backgroundRunning();
    }

    /**
     * Tells whether the app is started and not stopped.
     *
     * @return true while running
     */
    public boolean isRunning() {
        return core.state() == AppCore.State.RUNNING;
    }

    @Override
    public String toString() {
        return "WebApp[" + title() + " " + version() + ", " + core.state() + "]";
    }

    /** Builds a {@link WebApp}. Not thread-safe. */
    public static final class Builder {
        private final String title;
        private final String version;
        private String description = "";
        private final List<Class<?>> routeClasses = new ArrayList<>();
        private final List<Object> routeInstances = new ArrayList<>();
        private final List<Lifespan.Setup> lifespans = new ArrayList<>();
        private final Map<Class<?>, Provider<?>> providers = new LinkedHashMap<>();
        private final List<Class<?>> appDependencies = new ArrayList<>();
        private final Map<Class<?>, SecurityScheme> schemes = new LinkedHashMap<>();
        private final List<Middleware> middleware = new ArrayList<>();
        private final Map<Class<? extends Throwable>, ExceptionHandler<Throwable>> exceptionHandlers = new LinkedHashMap<>();
        private final Map<Integer, ExceptionHandler<HttpException>> statusHandlers = new LinkedHashMap<>();
        private ObjectMapper mapper;
        private boolean debug;
        private boolean redirectSlashes = true;
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private final Map<String, Handler> mounts = new LinkedHashMap<>();
        private long uploadMemoryThreshold = 1 << 20;
        private int maxFormFields = FormLimits.DEFAULTS.maxFields();
        private int maxFormFiles = FormLimits.DEFAULTS.maxFiles();
        private int maxPartHeaderBytes = FormLimits.DEFAULTS.maxPartHeaderBytes();
        private OpenApiConfig openApi = OpenApiConfig.defaults();

        private Builder(String title, String version) {
            this.title = Objects.requireNonNull(title, "title");
            this.version = Objects.requireNonNull(version, "version");
        }

        /**
         * Sets a description for documentation.
         *
         * @param text the description
         * @return this builder
         */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * Adds routes classes; each is created at startup with its constructor's parameters
         * filled from what the lifespan provides.
         *
         * @param classes the routes classes
         * @return this builder
         */
        public Builder routes(Class<?>... classes) {
            routeClasses.addAll(List.of(classes));
            return this;
        }

        /**
         * Adds already created routes objects (for routes without constructor dependencies).
         *
         * @param instances the routes objects
         * @return this builder
         */
        public Builder routeObjects(Object... instances) {
            routeInstances.addAll(List.of(instances));
            return this;
        }

        /**
         * Adds a lifespan function, run at startup in the order added.
         *
         * @param setup the lifespan function
         * @return this builder
         */
        public Builder lifespan(Lifespan.Setup setup) {
            lifespans.add(Objects.requireNonNull(setup, "setup"));
            return this;
        }

        /**
         * Registers a per-request dependency provider.
         *
         * @param <T> the provided type
         * @param type the provided type; handler parameters of this type receive the value
         * @param provider creates the value, once per request
         * @return this builder
         * @throws IllegalStateException if the type already has a provider
         */
        public <T> Builder dependency(Class<T> type, Provider<? extends T> provider) {
            if (providers.putIfAbsent(type, Objects.requireNonNull(provider, "provider")) != null) {
                throw new IllegalStateException(type.getName() + " already has a provider; register each type once");
            }
            if (provider instanceof Security.SecurityProvider<?> secured) {
                schemes.put(type, secured.scheme());
            }
            return this;
        }

        /**
         * Resolves dependency types for every request of every route, before the routes class's
         * {@link Routes#dependencies()} and the handler's own parameters, whether or not a handler
         * asks for them: FastAPI's {@code FastAPI(dependencies=[...])}, for a check such as an API
         * key that every route needs. A security provider's scheme is documented on every route.
         * Requests that match no route do not resolve them.
         *
         * @param types the dependency types, resolved in this order; each needs a provider or a
         *     lifespan value, checked when the app starts
         * @return this builder
         */
        public Builder dependencies(Class<?>... types) {
            for (Class<?> type : types) {
                appDependencies.add(Objects.requireNonNull(type, "type"));
            }
            return this;
        }

        /**
         * Serves every request under a path prefix with another handler: a raw
         * {@link io.gyre.server.Handler} or another {@link WebApp} (Starlette's {@code Mount}).
         * The handler sees the path without the prefix and the prefix added to
         * {@code rootPath()}; the app's middleware still wraps it. A mounted {@code WebApp} is
         * started after this app's lifespan and stopped before this app's resources close. A
         * {@link StaticFiles} directory is answered like a route: the middleware sees its status
         * and headers, and its 404 and 405 go through the app's exception handlers.
         *
         * @param prefix the prefix, such as {@code /legacy}; not {@code /}
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the prefix is empty, {@code /}, does not start with
         *     {@code /}, ends with {@code /}, or is already mounted
         */
        public Builder mount(String prefix, Handler handler) {
            if (!prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/")) {
                throw new IllegalArgumentException("mount prefix must start with '/', not end with '/' and not be '/': '"
                        + prefix + "'");
            }
            Handler mounted = handler instanceof StaticFiles files ? files.directory() : handler;
            if (mounts.putIfAbsent(prefix, Objects.requireNonNull(mounted, "handler")) != null) {
                throw new IllegalArgumentException("prefix '" + prefix + "' is already mounted");
            }
            return this;
        }

        /**
         * Adds a middleware; the first added is the outermost.
         *
         * @param layer the middleware
         * @return this builder
         */
        public Builder middleware(Middleware layer) {
            middleware.add(Objects.requireNonNull(layer, "middleware"));
            return this;
        }

        /**
         * Handles exceptions of a type (and its subclasses, unless a more specific handler is
         * registered).
         *
         * @param <E> the exception type
         * @param type the exception type
         * @param handler the handler
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public <E extends Throwable> Builder exceptionHandler(Class<E> type, ExceptionHandler<? super E> handler) {
            exceptionHandlers.put(type, (ExceptionHandler<Throwable>) (ExceptionHandler<?>) handler);
            return this;
        }

        /**
         * Handles {@link HttpException}s of one status (404 pages, say), including the app's
         * own 404 and 405 answers.
         *
         * @param status the status
         * @param handler the handler
         * @return this builder
         */
        public Builder statusHandler(int status, ExceptionHandler<HttpException> handler) {
            statusHandlers.put(status, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Uses this JSON mapper instead of the default (which has the JDK 8 and java.time
         * modules, ISO dates, and ignores unknown properties).
         *
         * @param objectMapper the mapper
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.mapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * Shows the exception and stack in 500 answers. Default false; never in production.
         *
         * @param enabled whether to show details
         * @return this builder
         */
        public Builder debug(boolean enabled) {
            this.debug = enabled;
            return this;
        }

        /**
         * Redirects (307) a path that only matches with or without a trailing slash. Default true.
         *
         * @param enabled whether to redirect
         * @return this builder
         */
        public Builder redirectSlashes(boolean enabled) {
            this.redirectSlashes = enabled;
            return this;
        }

        /**
         * Sets how long {@link WebApp#stop()} waits for background tasks before cancelling
         * them. Default 30 seconds.
         *
         * @param timeout the timeout
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout < 0: " + timeout);
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * Sets where the OpenAPI document and the docs pages are served. Default
         * {@link OpenApiConfig#defaults()}: {@code /openapi.json}, {@code /docs} (Swagger UI) and
         * {@code /redoc}, from bundled assets; {@link OpenApiConfig#disabled()} serves none.
         *
         * @param config the OpenAPI configuration
         * @return this builder
         */
        public Builder openApi(OpenApiConfig config) {
            this.openApi = Objects.requireNonNull(config, "openApi");
            return this;
        }

        /**
         * Sets how large an uploaded part may grow in memory before it is streamed to a
         * temporary file. Default 1 MiB.
         *
         * @param bytes the threshold in bytes
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder uploadMemoryThreshold(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("uploadMemoryThreshold < 0: " + bytes);
            }
            this.uploadMemoryThreshold = bytes;
            return this;
        }

        /**
         * Sets how many text fields a form body (urlencoded or multipart) may hold; more is
         * refused with 400. Default 1000, as in Starlette.
         *
         * @param count the most fields
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxFormFields(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("maxFormFields must be >= 0 (0 refuses every field): " + count);
            }
            this.maxFormFields = count;
            return this;
        }

        /**
         * Sets how many file parts a multipart body may hold; more is refused with 400.
         * Default 1000, as in Starlette.
         *
         * @param count the most files
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxFormFiles(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("maxFormFiles must be >= 0 (0 refuses every file): " + count);
            }
            this.maxFormFiles = count;
            return this;
        }

        /**
         * Sets how large the header block of one part of a multipart body may be; larger is
         * refused with 400. Default 16 KiB.
         *
         * @param bytes the largest header block, in bytes
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxPartHeaderBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxPartHeaderBytes must be >= 1: " + bytes);
            }
            this.maxPartHeaderBytes = bytes;
            return this;
        }

        /**
         * Builds the app: compiles every route (binding, validation metadata, method handles).
         *
         * @return the app, not started
         * @throws IllegalArgumentException if a routes class or route is invalid
         * @throws IllegalStateException if a routes class was compiled without {@code -parameters}
         */
        public WebApp build() {
            Optional<DocsMiddleware> docs = DocsMiddleware.of(openApi);
            List<Middleware> layers = new ArrayList<>(middleware);
            docs.ifPresent(layers::add);
            WebApp app = new WebApp(new AppCore(new AppConfig(title, version, description, List.copyOf(routeClasses),
                    List.copyOf(routeInstances), List.copyOf(lifespans), providers, schemes, List.copyOf(layers),
                    exceptionHandlers, statusHandlers, Optional.ofNullable(mapper), debug, redirectSlashes,
                    shutdownTimeout, mounts, uploadMemoryThreshold,
                    new FormLimits(maxFormFields, maxFormFiles, maxPartHeaderBytes), List.copyOf(appDependencies))),
                    openApi);
            docs.ifPresent(d -> d.attach(app));
            return app;
        }
    }
}
