package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** nginx in front of Gyre upstreams, with its own config in a temp folder, on 127.0.0.1. */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    final Path dir;
    final int port;
    private final Process process;

    Nginx(int upstreamA, int upstreamB, int maxFails) throws Exception {
        this((dir, port) -> """
                upstream gyre {
                    server 127.0.0.1:%1$d max_fails=%3$d fail_timeout=1s;
                    server 127.0.0.1:%2$d max_fails=%3$d fail_timeout=1s;
                }
                server {
                    listen 127.0.0.1:%4$d;
                    location / {
                        proxy_pass http://gyre;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_next_upstream_tries 4;
                        proxy_connect_timeout 1s;
                        proxy_read_timeout 15s;
                    }
                }
                """.formatted(upstreamA, upstreamB, maxFails, port));
    }

    /**
     * nginx as the deployment guide configures it in front of one Gyre instance: HTTP/1.1 to an
     * upstream keep-alive pool, the forwarded headers, the WebSocket upgrade mapping; {@code
     * locationExtras} are more directives for {@code location /} (e.g. {@code proxy_buffering off;}).
     * {@code upstreamKeepalive} is how long nginx keeps an idle upstream connection (shorter than
     * Gyre's keepAliveTimeout, so that nginx, not Gyre, closes it).
     */
    static Nginx reverseProxy(int upstream, String upstreamKeepalive, String locationExtras) throws Exception {
        return reverseProxy(upstream, upstreamKeepalive, locationExtras, "", false);
    }

    /**
     * As {@link #reverseProxy(int, String, String)}, the app mounted under {@code prefix} (e.g.
     * {@code /api}, stripped before Gyre, or empty) and, with {@code tls}, nginx serving HTTPS
     * with a fresh self-signed certificate (made with the openssl command).
     */
    static Nginx reverseProxy(int upstream, String upstreamKeepalive, String locationExtras, String prefix, boolean tls)
            throws Exception {
        return new Nginx((dir, port) -> """
                map $http_upgrade $connection_upgrade {
                    default upgrade;
                    ''      '';
                }
                upstream gyre {
                    server 127.0.0.1:%1$d;
                    keepalive 16;
                    keepalive_timeout %4$s;
                }
                server {
                    listen 127.0.0.1:%2$d%5$s;
                    %6$s
                    client_max_body_size 64m;
                    location %7$s/ {
                        proxy_pass http://gyre%8$s;
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_read_timeout 15s;
                        %3$s
                    }
                }
                """.formatted(upstream, port, locationExtras, upstreamKeepalive, tls ? " ssl" : "",
                tls ? selfSigned(dir) : "", prefix, prefix.isEmpty() ? "" : "/"));
    }

    /**
     * nginx in front of one Gyre instance listening on the socket file {@code socket} ({@code --uds}):
     * {@code location /} through an upstream keep-alive pool ({@code server unix:...}), and
     * {@code location /direct/} with {@code proxy_pass http://unix:...:} and no pool.
     */
    static Nginx reverseProxyToSocket(Path socket) throws Exception {
        return new Nginx((dir, port) -> """
                upstream gyre {
                    server unix:%1$s;
                    keepalive 16;
                }
                server {
                    listen 127.0.0.1:%2$d;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    location / {
                        proxy_pass http://gyre;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                    location /direct/ {
                        proxy_pass http://unix:%1$s:;
                    }
                }
                """.formatted(socket, port));
    }

    /** A self-signed certificate for 127.0.0.1 in {@code dir}; the nginx directives that use it. */
    private static String selfSigned(Path dir) {
        try {
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", dir.resolve("key.pem").toString(), "-out",
                    dir.resolve("cert.pem").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("openssl made a certificate: %s", out).isTrue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a certificate", e);
        }
        return "ssl_certificate %1$s/cert.pem; ssl_certificate_key %1$s/key.pem;".formatted(dir);
    }

    /** Starts nginx with the common settings and the http-block content {@code site} makes for its folder and listen port. */
    private Nginx(java.util.function.BiFunction<Path, Integer, String> site) throws Exception {
        dir = Files.createTempDirectory("gyre-nginx");
        port = freePort();
        Files.createDirectories(dir.resolve("tmp"));
        String conf = """
                worker_processes 1;
                daemon off;
                master_process off;
                error_log %1$s/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 2048; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                """.formatted(dir) + site.apply(dir, port).indent(4) + "}\n";
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        process = new ProcessBuilder(BINARY.toString(), "-e", dir.resolve("error.log").toString(), "-p", dir.toString(),
                "-c", file.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts(port)) {
            assertThat(process.isAlive()).as("nginx runs; its log: %s", log()).isTrue();
            assertThat(System.nanoTime()).as("nginx listens within 10 s").isLessThan(deadline);
            Thread.sleep(20); // polling: nginx announces nothing when it listens
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String log() {
        try {
            return Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dir); // its logs were read into the assertions that needed them
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // gone already, or unreadable: the temporary directory keeps it
        }
    }
}
