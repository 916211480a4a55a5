package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gyre.server.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Packet loss and TCP resets between clients in a network namespace made by the test (veth pair,
 * nftables random drop and reset rules inside the namespace) and the server: clients see errors,
 * the server answers no 5xx and leaks no connection or task once the network heals. Skips when
 * not root, or without netns / veth / nftables support.
 */
class NetworkFaultsTest {
    private static final String NS = "gyre-rel-" + ProcessHandle.current().pid();
    private static final String HOST_IF = "grh" + ProcessHandle.current().pid() % 100000;
    private static final String NS_IF = "grn" + ProcessHandle.current().pid() % 100000;
    private static final String HOST_IP = "10.213.77.1";
    private static final String NS_IP = "10.213.77.2";

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not end");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static boolean setUp() {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/sbin/nft"))
                || !Files.isExecutable(Path.of("/usr/sbin/ip")) || !Files.isExecutable(Path.of("/usr/bin/curl"))) {
            return false;
        }
        try {
            run("ip", "netns", "add", NS);
            run("ip", "link", "add", HOST_IF, "type", "veth", "peer", "name", NS_IF);
            run("ip", "link", "set", NS_IF, "netns", NS);
            run("ip", "addr", "add", HOST_IP + "/30", "dev", HOST_IF);
            run("ip", "link", "set", HOST_IF, "up");
            run("ip", "netns", "exec", NS, "ip", "addr", "add", NS_IP + "/30", "dev", NS_IF);
            run("ip", "netns", "exec", NS, "ip", "link", "set", NS_IF, "up");
            run("ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up");
            return true;
        } catch (IOException | InterruptedException e) {
            System.out.println("[network faults] no network namespace support: " + e.getMessage());
            tearDown();
            return false;
        }
    }

    private static void tearDown() {
        try {
            run("ip", "netns", "del", NS);
        } catch (IOException | InterruptedException ignored) {
            // not created
        }
        try {
            run("ip", "link", "del", HOST_IF);
        } catch (IOException | InterruptedException ignored) {
            // gone with the namespace
        }
    }

    @Test
    void packetLossAndResetsLeaveTheServerClean() throws Exception {
        lossyLink(false);
    }

    /**
     * With uploads: a client that vanishes mid-body while its packets are dropped must not leave
     * the server waiting for the body: the body read deadline ends the request and its connection.
     */
    @Test
    void packetLossDuringUploadsLeavesTheServerClean() throws Exception {
        lossyLink(true);
    }

    private static void lossyLink(boolean uploads) throws Exception {
        boolean ready = setUp();
        assumeTrue(ready, "needs root, ip netns, veth and nftables (Debian packages iproute2, nftables, curl)");
        try (LogCapture log = LogCapture.start(); TestServer server = TestServer.start((rq, rs) -> {
            int n = rq.bodyBytes().length;
            rs.send(rq.path().equals("/big") ? new byte[512 * 1024] : ("ok " + n).getBytes(StandardCharsets.US_ASCII));
        }, c -> c.host(HOST_IP).headerReadTimeout(Duration.ofSeconds(2)).keepAliveTimeout(Duration.ofSeconds(1))
                .bodyReadTimeout(Duration.ofSeconds(2)).logLevel("warning"))) {
            TestServer.Baseline base = server.awaitIdle();
            int port = server.port();
            Path rules = Files.createTempFile("gyre-nft", ".nft");
            Files.writeString(rules, """
                    table inet gyre_chaos {
                        chain out {
                            type filter hook output priority 0;
                            tcp dport %1$d numgen random mod 100 < 8 drop
                            tcp dport %1$d tcp flags & (syn) == 0 numgen random mod 100 < 2 reject with tcp reset
                        }
                        chain in {
                            type filter hook input priority 0;
                            tcp sport %1$d numgen random mod 100 < 8 drop
                        }
                    }
                    """.formatted(port));
            run("ip", "netns", "exec", NS, "nft", "-f", rules.toString());
            String base0 = "http://" + HOST_IP + ":" + port;
            String script = "seq 1 120 | xargs -P 16 -I{} sh -c '"
                    + "curl -s -o /dev/null -w \"%{http_code}\\n\" -m 4 " + base0 + "/small?i={}; "
                    + "curl -s -o /dev/null -w \"%{http_code}\\n\" -m 4 " + base0 + "/big?i={}; "
                    + (uploads ? "head -c 200000 /dev/zero | curl -s -o /dev/null -w \"%{http_code}\\n\" -m 4 --data-binary @- "
                    + base0 + "/upload?i={}" : "curl -s -o /dev/null -w \"%{http_code}\\n\" -m 4 " + base0 + "/again?i={}")
                    + "' || true";
            String codes = run("ip", "netns", "exec", NS, "sh", "-c", script);
            run("ip", "netns", "exec", NS, "nft", "delete", "table", "inet", "gyre_chaos");
            Files.deleteIfExists(rules);
            List<String> all = codes.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
            long ok = all.stream().filter("200"::equals).count();
            long errors = all.stream().filter("000"::equals).count();
            long server5xx = all.stream().filter(c -> c.startsWith("5")).count();
            assertThat(all).as("curl results").hasSize(360);
            assertThat(ok).as("requests that got through the lossy link").isPositive();
            assertThat(server5xx).as("5xx answers").isZero();
            server.awaitBaseline(base, "packet loss and resets");
            assertThat(log.problems()).as("server errors logged").isEmpty();
            String key = uploads ? "network.uploads." : "network.";
            Settings.figure(key + "requests", all.size());
            Settings.figure(key + "ok", ok);
            Settings.figure(key + "clientErrors", errors);
        } finally {
            tearDown();
        }
    }
}
