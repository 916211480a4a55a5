package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** nginx in front of two upstreams, with its own config in a temp folder, on 127.0.0.1. */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    final Path dir;
    final int port;
    private final Process process;

    Nginx(int upstreamA, int upstreamB, int maxFails) throws Exception {
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
                    upstream gyre {
                        server 127.0.0.1:%2$d max_fails=%5$d fail_timeout=1s;
                        server 127.0.0.1:%3$d max_fails=%5$d fail_timeout=1s;
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
                }
                """.formatted(dir, upstreamA, upstreamB, port, maxFails);
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
    }
}
