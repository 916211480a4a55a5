package io.gyre.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link HttpServer} runs: every operator option, with its default and unit. Immutable;
 * built with {@link #builder()} and validated when built.
 *
 * <p>Every option is reachable three ways with one spelling per medium: the builder method
 * ({@code gracefulTimeout(...)}), a command-line flag ({@code --graceful-timeout 30s}) and an
 * environment variable ({@code GYRE_GRACEFUL_TIMEOUT=30s}); {@link #options()} lists them and
 * {@link Builder#set(String, String)} applies one from text. Durations are written {@code 30s},
 * {@code 500ms}, {@code 2m} or a plain number of seconds; sizes are a number of bytes with an
 * optional {@code k}/{@code m}/{@code g} suffix (powers of 1024).
 *
 * @param host the address to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} for all IPv4)
 * @param port the TCP port (default 8000; 0 picks a free port, see {@link HttpServer#port()})
 * @param loops how many of the runner's I/O loops serve connections (default 0 = all of them)
 * @param backlog the listen backlog, in connections (default 2048)
 * @param keepAliveTimeout how long an idle keep-alive connection stays open (default 5 s)
 * @param headerReadTimeout how long a client may take to send a complete request head, from its
 *     first byte or from connecting; beyond it the server answers 408 and closes (default 10 s)
 * @param bodyReadTimeout how long the server waits for the next bytes of a request body it is
 *     expecting (not while the handler leaves the body buffer full); beyond it the request's task
 *     is cancelled, the client gets 408 if no response was sent yet, and the connection closes
 *     (default 30 s)
 * @param writeTimeout how long a response the server is sending may wait for the client to take
 *     any of it (a client that stopped reading); beyond it the connection is closed (default 30 s)
 * @param gracefulTimeout how long shutdown waits for in-flight requests before cancelling them
 *     (default 30 s)
 * @param shutdownDelay how long shutdown keeps serving after readiness turned to failing, so load
 *     balancers can notice (default 0 s)
 * @param cancelGrace how long cancelled requests get to finish their cleanup at the end of a
 *     shutdown (default 5 s)
 * @param shutdownHookTimeout the bound on the app's shutdown hooks, all together (default 10 s)
 * @param maxConnections concurrent connections; beyond it a new connection gets 503 and is closed
 *     (default 10000; 0 = unlimited)
 * @param limitMaxRequests requests served before the server shuts down gracefully, e.g. to
 *     recycle a leaking process (default 0 = unlimited)
 * @param limitMaxRequestsJitter a random extra in {@code [0, jitter]} added to
 *     {@code limitMaxRequests} so that replicas do not restart together (default 0)
 * @param maxRequestLineBytes the longest request line, in bytes; longer gets 414 (default 8 KiB)
 * @param maxHeaderBytes the largest request head, in bytes; larger gets 431 (default 16 KiB)
 * @param maxBodyBytes the largest request body, in bytes; larger gets 413 (default 16 MiB)
 * @param proxyHeaders whether {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are honoured
 *     from {@code forwardedAllowIps} (default true)
 * @param forwardedAllowIps the peers (IP addresses, CIDR ranges, or {@code *}) whose proxy
 *     headers are trusted (default {@code 127.0.0.1})
 * @param rootPath the path prefix the app is mounted under behind a proxy, reported by
 *     {@link Request#rootPath()} (default empty)
 * @param serverHeader whether responses carry {@code Server: gyre} (default true)
 * @param dateHeader whether responses carry a {@code Date} header (default true)
 * @param accessLog whether each response is logged in the combined log format to the
 *     {@code io.gyre.server.access} logger (default false)
 * @param logLevel the level of Gyre's loggers when started from the command line: {@code error},
 *     {@code warning}, {@code info}, {@code debug} or {@code trace} (default {@code info})
 * @param readinessPath a path answered by the server itself with 200 while serving and 503 once
 *     shutdown began; empty turns it off (default empty)
 * @param cancelOnDisconnect whether a client that goes away cancels its request's task (default
 *     true)
 * @param writeHighWatermark outbound bytes buffered per connection above which a handler's writes
 *     block and reading pauses (default 64 KiB)
 * @param bodyBufferBytes request body bytes buffered per request above which reading pauses until
 *     the handler reads (default 64 KiB)
 * @param wsMaxSize the server-wide default of {@link WebSocketConfig#maxMessageBytes()}: the
 *     largest WebSocket message, in bytes; larger closes the session with 1009 (default 16 MiB)
 * @param wsMaxQueue the server-wide default of {@link WebSocketConfig#inboundQueue()}: received
 *     WebSocket messages buffered before reading pauses (default 16)
 * @param wsPingInterval the server-wide default of {@link WebSocketConfig#pingInterval()}: how
 *     often open WebSocket sessions are pinged; zero turns keepalive pings off (default 20 s)
 * @param wsPingTimeout the server-wide default of {@link WebSocketConfig#pingTimeout()}: how long
 *     a ping waits for its pong before the session closes with 1011 (default 20 s)
 * @param wsPerMessageDeflate the server-wide default of {@link WebSocketConfig#compression()}:
 *     whether permessage-deflate is accepted when a client offers it (default true)
 * @param uds the path of a Unix domain socket to listen on instead of {@code host:port}; empty
 *     listens on TCP (default empty). A stale socket file at the path is replaced, a live one or any
 *     other file is refused; see docs/server.md, "Unix domain sockets"
 * @param fd the file descriptor of an inherited listening socket to serve instead of binding one:
 *     {@code 0} (standard input, as systemd's {@code StandardInput=socket} or inetd pass it) or
 *     {@code -1} for none (default -1). No other number is accepted: the JDK can adopt only the
 *     channel inherited on standard input
 * @see #webSocketDefaults()
 */
public record ServerConfig(String host, int port, int loops, int backlog, Duration keepAliveTimeout,
        Duration headerReadTimeout, Duration bodyReadTimeout, Duration writeTimeout, Duration gracefulTimeout, Duration shutdownDelay, Duration cancelGrace,
        Duration shutdownHookTimeout, int maxConnections, long limitMaxRequests, long limitMaxRequestsJitter,
        int maxRequestLineBytes, int maxHeaderBytes, long maxBodyBytes, boolean proxyHeaders,
        List<String> forwardedAllowIps, String rootPath, boolean serverHeader, boolean dateHeader,
        boolean accessLog, String logLevel, String readinessPath, boolean cancelOnDisconnect,
        int writeHighWatermark, int bodyBufferBytes, int wsMaxSize, int wsMaxQueue, Duration wsPingInterval,
        Duration wsPingTimeout, boolean wsPerMessageDeflate, String uds, int fd) {

    /* Overview: this file is longer than most because it is the one table of operator options: each
     * option's record component, range check, spec row (flag, variable, default, description), text
     * parser and builder method. Splitting it would scatter one option over several files. */

    /**
     * One option: its builder/record name and its spellings for the command line and environment.
     *
     * @param name the record component and builder method, e.g. {@code gracefulTimeout}
     * @param flag the command-line flag, e.g. {@code --graceful-timeout}
     * @param env the environment variable, e.g. {@code GYRE_GRACEFUL_TIMEOUT}
     * @param defaultValue the default, as text
     * @param description what it does, with its unit
     */
    public record Option(String name, String flag, String env, String defaultValue, String description) {
    }

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException naming the first invalid option
     */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rootPath, "rootPath");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(readinessPath, "readinessPath");
        Objects.requireNonNull(uds, "uds");
        forwardedAllowIps = List.copyOf(forwardedAllowIps);
        check(port >= 0 && port <= 65535, "port must be in 0..65535: " + port);
        check(loops >= 0, "loops must be >= 0 (0 = all of the runner's loops): " + loops);
        check(backlog > 0, "backlog must be > 0: " + backlog);
        positive("keepAliveTimeout", keepAliveTimeout);
        positive("headerReadTimeout", headerReadTimeout);
        positive("bodyReadTimeout", bodyReadTimeout);
        positive("writeTimeout", writeTimeout);
        notNegative("gracefulTimeout", gracefulTimeout);
        notNegative("shutdownDelay", shutdownDelay);
        notNegative("cancelGrace", cancelGrace);
        notNegative("shutdownHookTimeout", shutdownHookTimeout);
        check(maxConnections >= 0, "maxConnections must be >= 0 (0 = unlimited): " + maxConnections);
        check(limitMaxRequests >= 0, "limitMaxRequests must be >= 0 (0 = unlimited): " + limitMaxRequests);
        check(limitMaxRequestsJitter >= 0, "limitMaxRequestsJitter must be >= 0: " + limitMaxRequestsJitter);
        check(maxRequestLineBytes >= 64, "maxRequestLineBytes must be >= 64: " + maxRequestLineBytes);
        check(maxHeaderBytes >= 256, "maxHeaderBytes must be >= 256: " + maxHeaderBytes);
        check(maxBodyBytes >= 0, "maxBodyBytes must be >= 0: " + maxBodyBytes);
        check(writeHighWatermark >= 1024, "writeHighWatermark must be >= 1024: " + writeHighWatermark);
        check(bodyBufferBytes >= 1024, "bodyBufferBytes must be >= 1024: " + bodyBufferBytes);
        check(wsMaxSize >= 125, "wsMaxSize must be >= 125 (a WebSocket control frame's payload): " + wsMaxSize);
        check(wsMaxQueue >= 1, "wsMaxQueue must be >= 1: " + wsMaxQueue);
        notNegative("wsPingInterval", wsPingInterval);
        positive("wsPingTimeout", wsPingTimeout);
        check(rootPath.isEmpty() || rootPath.startsWith("/") && !rootPath.endsWith("/"),
                "rootPath must be empty or start with '/' and not end with '/': '" + rootPath + "'");
        check(readinessPath.isEmpty() || readinessPath.startsWith("/"),
                "readinessPath must be empty or start with '/': '" + readinessPath + "'");
        check(List.of("error", "warning", "info", "debug", "trace").contains(logLevel),
                "logLevel must be one of error, warning, info, debug, trace: '" + logLevel + "'");
        for (String ip : forwardedAllowIps) {
            check(!ip.isBlank(), "forwardedAllowIps contains a blank entry: " + forwardedAllowIps);
        }
        check(uds.isEmpty() || !uds.isBlank() && uds.indexOf('\0') < 0,
                "uds must be empty (listen on host:port) or the path of a socket file: '" + uds + "'");
        check(fd == -1 || fd == 0, "fd must be 0, a listening socket inherited on standard input (got " + fd
                + "): the JDK can adopt only the channel inherited on standard input (System.inheritedChannel()),"
                + " not descriptor " + fd + ". Have the process manager pass the socket as standard input"
                + " (systemd: StandardInput=socket; inetd: a 'wait' service), or listen with --uds PATH or --port");
        check(fd == -1 || uds.isEmpty(), "uds and fd both name a listener (uds '" + uds + "', fd " + fd
                + "): give one of them");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        check(!d.isNegative() && !d.isZero(), name + " must be > 0: " + d);
    }

    private static void notNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        check(!d.isNegative(), name + " must be >= 0: " + d);
    }

    /**
     * Returns the server-wide WebSocket defaults: {@link WebSocketConfig#DEFAULTS} with the
     * {@code ws*} options of this configuration. A WebSocket endpoint uses them for every field it
     * leaves at its built-in default; see {@link WebSocketEndpoint} for the precedence.
     *
     * @return the WebSocket configuration endpoints without their own settings get
     */
    public WebSocketConfig webSocketDefaults() {
        return WebSocketConfig.DEFAULTS.toBuilder().maxMessageBytes(wsMaxSize).inboundQueue(wsMaxQueue)
                .pingInterval(wsPingInterval).pingTimeout(wsPingTimeout).compression(wsPerMessageDeflate).build();
    }

    /**
     * Returns the defaults, without environment overrides.
     *
     * @return the default configuration
     */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /**
     * Returns a builder holding the defaults (no environment applied; see
     * {@link Builder#applyEnvironment(Map)}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this configuration's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.loops = loops;
        b.backlog = backlog;
        b.keepAliveTimeout = keepAliveTimeout;
        b.headerReadTimeout = headerReadTimeout;
        b.bodyReadTimeout = bodyReadTimeout;
        b.writeTimeout = writeTimeout;
        b.gracefulTimeout = gracefulTimeout;
        b.shutdownDelay = shutdownDelay;
        b.cancelGrace = cancelGrace;
        b.shutdownHookTimeout = shutdownHookTimeout;
        b.maxConnections = maxConnections;
        b.limitMaxRequests = limitMaxRequests;
        b.limitMaxRequestsJitter = limitMaxRequestsJitter;
        b.maxRequestLineBytes = maxRequestLineBytes;
        b.maxHeaderBytes = maxHeaderBytes;
        b.maxBodyBytes = maxBodyBytes;
        b.proxyHeaders = proxyHeaders;
        b.forwardedAllowIps = forwardedAllowIps;
        b.rootPath = rootPath;
        b.serverHeader = serverHeader;
        b.dateHeader = dateHeader;
        b.accessLog = accessLog;
        b.logLevel = logLevel;
        b.readinessPath = readinessPath;
        b.cancelOnDisconnect = cancelOnDisconnect;
        b.writeHighWatermark = writeHighWatermark;
        b.bodyBufferBytes = bodyBufferBytes;
        b.wsMaxSize = wsMaxSize;
        b.wsMaxQueue = wsMaxQueue;
        b.wsPingInterval = wsPingInterval;
        b.wsPingTimeout = wsPingTimeout;
        b.wsPerMessageDeflate = wsPerMessageDeflate;
        b.uds = uds;
        b.fd = fd;
        return b;
    }

    /**
     * Lists every option with its flag, environment variable, default and description.
     *
     * @return the options, in documentation order
     */
    public static List<Option> options() {
        List<Option> list = new ArrayList<>();
        for (Spec s : SPECS.values()) {
            list.add(new Option(s.name, "--" + kebab(s.name), "GYRE_" + kebab(s.name).replace('-', '_')
                    .toUpperCase(Locale.ROOT), s.defaultValue, s.description));
        }
        return List.copyOf(list);
    }

    private record Spec(String name, String defaultValue, String description) {
    }

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    private static void spec(String name, String def, String description) {
        SPECS.put(name, new Spec(name, def, description));
    }

    static {
        spec("host", "127.0.0.1", "address to bind");
        spec("port", "8000", "TCP port; 0 picks a free one");
        spec("loops", "0", "I/O loops serving connections; 0 = all of the runner's");
        spec("backlog", "2048", "listen backlog (connections)");
        spec("keepAliveTimeout", "5s", "idle keep-alive connections close after this");
        spec("headerReadTimeout", "10s", "time to send a whole request head; then 408 and close");
        spec("bodyReadTimeout", "30s", "longest wait for the next request body bytes; then 408 and close");
        spec("writeTimeout", "30s", "longest wait for a client to take any of a response being sent; then close");
        spec("gracefulTimeout", "30s", "shutdown waits this long for in-flight requests");
        spec("shutdownDelay", "0s", "keep serving this long after readiness fails, before closing the listener");
        spec("cancelGrace", "5s", "cancelled requests get this long for cleanup at shutdown");
        spec("shutdownHookTimeout", "10s", "bound on the app's shutdown hooks");
        spec("maxConnections", "10000", "concurrent connections; beyond: 503 and close; 0 = unlimited");
        spec("limitMaxRequests", "0", "requests before a graceful exit; 0 = unlimited");
        spec("limitMaxRequestsJitter", "0", "random extra requests added to limitMaxRequests");
        spec("maxRequestLineBytes", "8k", "longest request line (bytes); beyond: 414");
        spec("maxHeaderBytes", "16k", "largest request head (bytes); beyond: 431");
        spec("maxBodyBytes", "16m", "largest request body (bytes); beyond: 413");
        spec("proxyHeaders", "true", "honour X-Forwarded-For/-Proto from forwardedAllowIps");
        spec("forwardedAllowIps", "127.0.0.1", "comma-separated IPs/CIDRs (or *) trusted for proxy headers");
        spec("rootPath", "", "path prefix the app is mounted under behind a proxy");
        spec("serverHeader", "true", "send 'Server: gyre'");
        spec("dateHeader", "true", "send a Date header");
        spec("accessLog", "false", "log each response in combined log format");
        spec("logLevel", "info", "error, warning, info, debug or trace");
        spec("readinessPath", "", "path answered 200 while serving, 503 once shutting down; empty = off");
        spec("cancelOnDisconnect", "true", "cancel a request's task when its client goes away");
        spec("writeHighWatermark", "64k", "outbound bytes per connection above which writes block");
        spec("bodyBufferBytes", "64k", "request body bytes buffered before reading pauses");
        spec("wsMaxSize", "16m", "largest WebSocket message (bytes); beyond: close 1009");
        spec("wsMaxQueue", "16", "received WebSocket messages buffered before reading pauses");
        spec("wsPingInterval", "20s", "WebSocket keepalive ping interval; 0 or none = no pings");
        spec("wsPingTimeout", "20s", "a WebSocket ping unanswered this long closes the session (1011)");
        spec("wsPerMessageDeflate", "true", "accept WebSocket permessage-deflate compression");
        spec("uds", "", "listen on this Unix domain socket file instead of host:port");
        spec("fd", "", "serve the listening socket inherited on this descriptor instead (only 0, standard input)");
    }

    /* One switch rather than a lambda per option: the option table is built at start-up, and each
     * lambda would cost a generated class there. */
    private static void apply(Builder b, String name, String v) {
        switch (name) {
            case "host" -> b.host(v);
            case "port" -> b.port(Values.integer("port", v));
            case "loops" -> b.loops(Values.integer("loops", v));
            case "backlog" -> b.backlog(Values.integer("backlog", v));
            case "keepAliveTimeout" -> b.keepAliveTimeout(Values.duration("keepAliveTimeout", v));
            case "headerReadTimeout" -> b.headerReadTimeout(Values.duration("headerReadTimeout", v));
            case "bodyReadTimeout" -> b.bodyReadTimeout(Values.duration("bodyReadTimeout", v));
            case "writeTimeout" -> b.writeTimeout(Values.duration("writeTimeout", v));
            case "gracefulTimeout" -> b.gracefulTimeout(Values.duration("gracefulTimeout", v));
            case "shutdownDelay" -> b.shutdownDelay(Values.duration("shutdownDelay", v));
            case "cancelGrace" -> b.cancelGrace(Values.duration("cancelGrace", v));
            case "shutdownHookTimeout" -> b.shutdownHookTimeout(Values.duration("shutdownHookTimeout", v));
            case "maxConnections" -> b.maxConnections(Values.integer("maxConnections", v));
            case "limitMaxRequests" -> b.limitMaxRequests(Values.size("limitMaxRequests", v));
            case "limitMaxRequestsJitter" -> b.limitMaxRequestsJitter(Values.size("limitMaxRequestsJitter", v));
            case "maxRequestLineBytes" -> b.maxRequestLineBytes(Values.intSize("maxRequestLineBytes", v));
            case "maxHeaderBytes" -> b.maxHeaderBytes(Values.intSize("maxHeaderBytes", v));
            case "maxBodyBytes" -> b.maxBodyBytes(Values.size("maxBodyBytes", v));
            case "proxyHeaders" -> b.proxyHeaders(Values.bool("proxyHeaders", v));
            case "forwardedAllowIps" -> b.forwardedAllowIps(Values.list(v));
            case "rootPath" -> b.rootPath(v);
            case "serverHeader" -> b.serverHeader(Values.bool("serverHeader", v));
            case "dateHeader" -> b.dateHeader(Values.bool("dateHeader", v));
            case "accessLog" -> b.accessLog(Values.bool("accessLog", v));
            case "logLevel" -> b.logLevel(v.toLowerCase(Locale.ROOT));
            case "readinessPath" -> b.readinessPath(v);
            case "cancelOnDisconnect" -> b.cancelOnDisconnect(Values.bool("cancelOnDisconnect", v));
            case "writeHighWatermark" -> b.writeHighWatermark(Values.intSize("writeHighWatermark", v));
            case "bodyBufferBytes" -> b.bodyBufferBytes(Values.intSize("bodyBufferBytes", v));
            case "wsMaxSize" -> b.wsMaxSize(Values.intSize("wsMaxSize", v));
            case "wsMaxQueue" -> b.wsMaxQueue(Values.integer("wsMaxQueue", v));
            case "wsPingInterval" -> b.wsPingInterval(v.equalsIgnoreCase("none") ? Duration.ZERO
                    : Values.duration("wsPingInterval", v));
            case "wsPingTimeout" -> b.wsPingTimeout(Values.duration("wsPingTimeout", v));
            case "wsPerMessageDeflate" -> b.wsPerMessageDeflate(Values.bool("wsPerMessageDeflate", v));
            case "uds" -> b.uds(v);
            case "fd" -> b.fd(v.isEmpty() || v.equalsIgnoreCase("none") ? -1 : Values.integer("fd", v));
            default -> throw new IllegalStateException("internal error: option '" + name
                    + "' has no setter (please report)");
        }
    }

    private static String kebab(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Builds a {@link ServerConfig}; every option has a documented default. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8000;
        private int loops;
        private int backlog = 2048;
        private Duration keepAliveTimeout = Duration.ofSeconds(5);
        private Duration headerReadTimeout = Duration.ofSeconds(10);
        private Duration bodyReadTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration gracefulTimeout = Duration.ofSeconds(30);
        private Duration shutdownDelay = Duration.ZERO;
        private Duration cancelGrace = Duration.ofSeconds(5);
        private Duration shutdownHookTimeout = Duration.ofSeconds(10);
        private int maxConnections = 10_000;
        private long limitMaxRequests;
        private long limitMaxRequestsJitter;
        private int maxRequestLineBytes = 8 * 1024;
        private int maxHeaderBytes = 16 * 1024;
        private long maxBodyBytes = 16L * 1024 * 1024;
        private boolean proxyHeaders = true;
        private List<String> forwardedAllowIps = List.of("127.0.0.1");
        private String rootPath = "";
        private boolean serverHeader = true;
        private boolean dateHeader = true;
        private boolean accessLog;
        private String logLevel = "info";
        private String readinessPath = "";
        private boolean cancelOnDisconnect = true;
        private int writeHighWatermark = 64 * 1024;
        private int bodyBufferBytes = 64 * 1024;
        private int wsMaxSize = WebSocketConfig.DEFAULTS.maxMessageBytes();
        private int wsMaxQueue = WebSocketConfig.DEFAULTS.inboundQueue();
        private Duration wsPingInterval = WebSocketConfig.DEFAULTS.pingInterval();
        private Duration wsPingTimeout = WebSocketConfig.DEFAULTS.pingTimeout();
        private boolean wsPerMessageDeflate = WebSocketConfig.DEFAULTS.compression();
        private String uds = "";
        private int fd = -1;

        private Builder() {
        }

        /**
         * Sets one option from text, by its name ({@code gracefulTimeout}) or flag spelling
         * ({@code graceful-timeout}).
         *
         * @param option the option's name
         * @param value its value as text (durations like {@code 30s}, sizes like {@code 16m})
         * @return this builder
         * @throws IllegalArgumentException if the option is unknown or the value does not parse
         */
        public Builder set(String option, String value) {
            String key = option.startsWith("--") ? option.substring(2) : option;
            Spec spec = SPECS.get(key);
            if (spec == null) {
                for (Spec s : SPECS.values()) {
                    if (kebab(s.name).equals(key)) {
                        spec = s;
                    }
                }
            }
            if (spec == null) {
                throw new IllegalArgumentException("unknown server option '" + option + "'; known options: "
                        + String.join(", ", SPECS.keySet()));
            }
            apply(this, spec.name, value.trim());
            return this;
        }

        /**
         * Applies every {@code GYRE_*} variable of {@code env} that names an option, e.g.
         * {@code GYRE_PORT=9000}; blank variables are ignored. Each value is validated as it is
         * applied, so that a value out of range is blamed on its variable rather than found later
         * by {@link #build()}.
         *
         * @param env the environment, usually {@link System#getenv()}
         * @return this builder
         * @throws IllegalArgumentException naming the variable whose value does not parse or is out
         *     of range, e.g. {@code environment variable GYRE_PORT must be in 0..65535: 70000}
         */
        public Builder applyEnvironment(Map<String, String> env) {
            for (Option o : options()) {
                String v = env.get(o.env());
                if (v != null && !v.isBlank()) {
                    set(o.name(), v, "environment variable " + o.env());
                }
            }
            return this;
        }

        /**
         * Sets an option from its text form, as {@link #set(String, String)} does, and checks the
         * value at once rather than at {@link #build()}; a refusal names {@code source}, where the
         * value came from, instead of the option ({@code "--port must be 0..65535, got 70000"}).
         * Every check of a configuration is about one option, so a builder whose values were all
         * set this way builds.
         *
         * @param name the option's name, as in {@link #options()}
         * @param value the value as text, as a flag or variable holds it
         * @param source where the value came from, such as {@code --port} or
         *     {@code environment variable GYRE_PORT}
         * @return this builder
         * @throws IllegalArgumentException naming {@code source}, if the name is unknown or the value
         *     is invalid
         */
        public Builder set(String name, String value, String source) {
            try {
                new Builder().set(name, value).build();
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                throw new IllegalArgumentException(m.startsWith(name + " ") ? source + m.substring(name.length())
                        : source + ": " + m, e);
            }
            return set(name, value);
        }

        /**
         * Sets the bind address.
         *
         * @param host a host name or IP address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * Sets the TCP port.
         *
         * @param port 0..65535; 0 picks a free port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Sets how many of the runner's loops serve connections.
         *
         * @param loops 0 for all
         * @return this builder
         */
        public Builder loops(int loops) {
            this.loops = loops;
            return this;
        }

        /**
         * Sets the listen backlog.
         *
         * @param backlog connections
         * @return this builder
         */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /**
         * Sets the keep-alive idle timeout.
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder keepAliveTimeout(Duration timeout) {
            this.keepAliveTimeout = timeout;
            return this;
        }

        /**
         * Sets the request head deadline (408 beyond it).
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder headerReadTimeout(Duration timeout) {
            this.headerReadTimeout = timeout;
            return this;
        }

        /**
         * Sets the request body idle deadline: the longest wait for the next body bytes the server
         * is expecting (408 and close beyond it).
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder bodyReadTimeout(Duration timeout) {
            this.bodyReadTimeout = timeout;
            return this;
        }

        /**
         * Sets the response write deadline: the longest a response being sent may wait for the
         * client to take any of it (a client that stopped reading); beyond it the connection is
         * closed. Each write that makes progress starts the wait again.
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        /**
         * Sets how long shutdown waits for in-flight requests.
         *
         * @param timeout zero or more
         * @return this builder
         */
        public Builder gracefulTimeout(Duration timeout) {
            this.gracefulTimeout = timeout;
            return this;
        }

        /**
         * Sets how long shutdown keeps serving after readiness failed.
         *
         * @param delay zero or more
         * @return this builder
         */
        public Builder shutdownDelay(Duration delay) {
            this.shutdownDelay = delay;
            return this;
        }

        /**
         * Sets how long cancelled requests get for cleanup at shutdown.
         *
         * @param grace zero or more
         * @return this builder
         */
        public Builder cancelGrace(Duration grace) {
            this.cancelGrace = grace;
            return this;
        }

        /**
         * Sets the bound on the app's shutdown hooks.
         *
         * @param timeout zero or more
         * @return this builder
         */
        public Builder shutdownHookTimeout(Duration timeout) {
            this.shutdownHookTimeout = timeout;
            return this;
        }

        /**
         * Sets the concurrent connection limit.
         *
         * @param max 0 for unlimited
         * @return this builder
         */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /**
         * Sets how many requests are served before a graceful exit.
         *
         * @param max 0 for unlimited
         * @return this builder
         */
        public Builder limitMaxRequests(long max) {
            this.limitMaxRequests = max;
            return this;
        }

        /**
         * Sets the random extra added to {@code limitMaxRequests}.
         *
         * @param jitter zero or more requests
         * @return this builder
         */
        public Builder limitMaxRequestsJitter(long jitter) {
            this.limitMaxRequestsJitter = jitter;
            return this;
        }

        /**
         * Sets the longest request line.
         *
         * @param bytes at least 64
         * @return this builder
         */
        public Builder maxRequestLineBytes(int bytes) {
            this.maxRequestLineBytes = bytes;
            return this;
        }

        /**
         * Sets the largest request head.
         *
         * @param bytes at least 256
         * @return this builder
         */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = bytes;
            return this;
        }

        /**
         * Sets the largest request body.
         *
         * @param bytes zero or more
         * @return this builder
         */
        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Turns proxy header handling on or off.
         *
         * @param on whether to honour them from trusted peers
         * @return this builder
         */
        public Builder proxyHeaders(boolean on) {
            this.proxyHeaders = on;
            return this;
        }

        /**
         * Sets the peers whose proxy headers are trusted.
         *
         * @param ips IP addresses, CIDR ranges, or {@code *}
         * @return this builder
         */
        public Builder forwardedAllowIps(List<String> ips) {
            this.forwardedAllowIps = List.copyOf(ips);
            return this;
        }

        /**
         * Sets the root path.
         *
         * @param rootPath empty, or a path starting with '/' and not ending with one
         * @return this builder
         */
        public Builder rootPath(String rootPath) {
            this.rootPath = rootPath;
            return this;
        }

        /**
         * Turns the {@code Server} header on or off.
         *
         * @param on whether to send it
         * @return this builder
         */
        public Builder serverHeader(boolean on) {
            this.serverHeader = on;
            return this;
        }

        /**
         * Turns the {@code Date} header on or off.
         *
         * @param on whether to send it
         * @return this builder
         */
        public Builder dateHeader(boolean on) {
            this.dateHeader = on;
            return this;
        }

        /**
         * Turns the access log on or off.
         *
         * @param on whether to log each response
         * @return this builder
         */
        public Builder accessLog(boolean on) {
            this.accessLog = on;
            return this;
        }

        /**
         * Sets the log level used when started from the command line.
         *
         * @param level error, warning, info, debug or trace
         * @return this builder
         */
        public Builder logLevel(String level) {
            this.logLevel = level;
            return this;
        }

        /**
         * Sets the built-in readiness path.
         *
         * @param path empty to turn it off
         * @return this builder
         */
        public Builder readinessPath(String path) {
            this.readinessPath = path;
            return this;
        }

        /**
         * Sets whether a client that goes away cancels its request's task.
         *
         * @param on whether to cancel
         * @return this builder
         */
        public Builder cancelOnDisconnect(boolean on) {
            this.cancelOnDisconnect = on;
            return this;
        }

        /**
         * Sets the outbound high watermark per connection.
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder writeHighWatermark(int bytes) {
            this.writeHighWatermark = bytes;
            return this;
        }

        /**
         * Sets the request body buffer per request.
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder bodyBufferBytes(int bytes) {
            this.bodyBufferBytes = bytes;
            return this;
        }

        /**
         * Sets the server-wide default of the largest WebSocket message ({@code --ws-max-size}).
         *
         * @param bytes at least 125 (default 16 MiB)
         * @return this builder
         */
        public Builder wsMaxSize(int bytes) {
            this.wsMaxSize = bytes;
            return this;
        }

        /**
         * Sets the server-wide default of received WebSocket messages buffered per session
         * ({@code --ws-max-queue}).
         *
         * @param messages at least 1 (default 16)
         * @return this builder
         */
        public Builder wsMaxQueue(int messages) {
            this.wsMaxQueue = messages;
            return this;
        }

        /**
         * Sets the server-wide default WebSocket keepalive ping interval ({@code --ws-ping-interval}).
         *
         * @param interval zero or more (default 20 s); zero turns pings off
         * @return this builder
         */
        public Builder wsPingInterval(Duration interval) {
            this.wsPingInterval = interval;
            return this;
        }

        /**
         * Sets the server-wide default of how long a WebSocket ping waits for its pong
         * ({@code --ws-ping-timeout}).
         *
         * @param timeout more than zero (default 20 s)
         * @return this builder
         */
        public Builder wsPingTimeout(Duration timeout) {
            this.wsPingTimeout = timeout;
            return this;
        }

        /**
         * Sets whether WebSocket permessage-deflate is accepted by default
         * ({@code --ws-per-message-deflate}).
         *
         * @param on whether to accept a client's offer (default true)
         * @return this builder
         */
        public Builder wsPerMessageDeflate(boolean on) {
            this.wsPerMessageDeflate = on;
            return this;
        }

        /**
         * Sets the Unix domain socket to listen on instead of {@code host:port} ({@code --uds}). The
         * host and port are then ignored (a warning says so when they are not the defaults). A stale
         * socket file at the path, one no process answers on, is replaced; the server refuses to
         * start when a process serves the path or the path is another kind of file. The file is
         * removed at shutdown unless another process has replaced it meanwhile.
         *
         * @param path the socket file's path, at most 107 bytes; empty to listen on TCP (default)
         * @return this builder
         */
        public Builder uds(String path) {
            this.uds = path;
            return this;
        }

        /**
         * Sets the inherited listening socket to serve instead of binding one ({@code --fd}).
         *
         * @param fd 0 for the socket inherited on standard input, -1 for none (default); other
         *     descriptors are refused when built
         * @return this builder
         */
        public Builder fd(int fd) {
            this.fd = fd;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the validated configuration
         * @throws IllegalArgumentException naming the option that is invalid
         */
        public ServerConfig build() {
            return new ServerConfig(host, port, loops, backlog, keepAliveTimeout, headerReadTimeout, bodyReadTimeout,
                    writeTimeout, gracefulTimeout, shutdownDelay, cancelGrace, shutdownHookTimeout, maxConnections, limitMaxRequests,
                    limitMaxRequestsJitter, maxRequestLineBytes, maxHeaderBytes, maxBodyBytes, proxyHeaders,
                    forwardedAllowIps, rootPath, serverHeader, dateHeader, accessLog, logLevel, readinessPath,
                    cancelOnDisconnect, writeHighWatermark, bodyBufferBytes, wsMaxSize, wsMaxQueue, wsPingInterval,
                    wsPingTimeout, wsPerMessageDeflate, uds, fd);
        }
    }
}
