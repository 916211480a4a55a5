package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gyre.server.HttpServer;
import io.gyre.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gyre on a Unix domain socket ({@code --uds}) behind nginx, as docs/server.md configures it: the app
 * sees the client nginx saw, because a peer on the socket counts as loopback and loopback is trusted
 * for the forwarded headers by default.
 */
class NginxUnixSocketTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void nginxIsInstalled() {
        assumeTrue(Files.isExecutable(Nginx.BINARY), "nginx is not installed (Debian package nginx-light)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
    }

    @Test
    void nginxReachesTheAppOverTheSocketFileAndTheAppSeesTheClientNginxSaw() throws Exception {
        Path socket = dir.resolve("gyre.sock");
        HttpServer.Builder app = HttpServer.builder().handler((rq, rs) -> rs.send(rq.path() + " "
                + rq.remoteAddress().getAddress().getHostAddress() + " " + rq.scheme() + " "
                + rq.headers().first("Host").orElse("-")))
                .configure(c -> c.uds(socket.toString()));
        try (TestServer gyre = TestServer.start(app); Nginx nginx = Nginx.reverseProxyToSocket(socket)) {
            String base = "http://127.0.0.1:" + nginx.port;
            for (int i = 0; i < 20; i++) { // through the upstream keep-alive pool
                assertThat(curl("--interface", "127.0.0.2", base + "/pool" + i))
                        .isEqualTo("/pool" + i + " 127.0.0.2 http 127.0.0.1:" + nginx.port);
            }
            assertThat(curl("--interface", "127.0.0.2", base + "/direct/x"))
                    .isEqualTo("/direct/x 127.0.0.2 http 127.0.0.1:" + nginx.port);
            assertThat(gyre.stats().connections()).as("nginx's pool of upstream connections").isBetween(1, 16);
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s ends", cmd).isTrue();
        return out;
    }
}
