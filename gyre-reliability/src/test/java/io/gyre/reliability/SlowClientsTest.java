package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gyre.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * slowhttptest (slow headers, slow body, slow read) with 300+ connections against a server with
 * short deadlines, while a normal client keeps asking: it is answered throughout, with bounded
 * latency, and the attack's connections are shed.
 */
class SlowClientsTest {
    private static final Path SLOWHTTPTEST = Path.of("/usr/bin/slowhttptest");

    @ParameterizedTest(name = "slowhttptest -{0}")
    @ValueSource(strings = {"H", "B", "X"})
    void aSlowClientAttackLeavesNormalClientsServed(String mode) throws Exception {
        assumeTrue(Files.isExecutable(SLOWHTTPTEST), "slowhttptest is not installed (Debian package slowhttptest)");
        long seconds = Settings.number("slow.seconds", 10);
        long connections = Settings.number("slow.connections", 320);
        try (LogCapture serverLog = LogCapture.start(); TestServer server = TestServer.start((rq, rs) -> {
            int n = rq.bodyBytes().length;
            if (rq.path().equals("/big")) {
                rs.send(new byte[256 * 1024]);
            } else {
                rs.send("ok " + n);
            }
        }, c -> c.headerReadTimeout(Duration.ofSeconds(2)).keepAliveTimeout(Duration.ofSeconds(2))
                .maxBodyBytes(1 << 20).writeHighWatermark(16 * 1024).logLevel("warning"))) {
            TestServer.Baseline base = server.awaitIdle();
            String url = "http://127.0.0.1:" + server.port() + (mode.equals("X") ? "/big" : "/");
            List<String> cmd = new ArrayList<>(List.of(SLOWHTTPTEST.toString(), "-" + mode, "-c", Long.toString(connections),
                    "-r", "200", "-l", Long.toString(seconds), "-i", "1", "-u", url, "-p", "3"));
            if (mode.equals("B")) {
                cmd.addAll(List.of("-s", "8192", "-t", "POST"));
            }
            if (mode.equals("X")) {
                cmd.addAll(List.of("-k", "4", "-n", "1", "-w", "16", "-y", "32", "-z", "16"));
            }
            Path log = Files.createTempFile("slowhttptest", ".log");
            Process attack = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong maxLatency = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicLong peakConnections = new AtomicLong();
            Thread probe = Thread.ofPlatform().name("normal-client").start(() -> {
                byte[] get = "GET /normal HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                while (running.get()) {
                    long t0 = System.nanoTime();
                    try {
                        Wire.Exchange x = Wire.exchange(server.port(), List.of(get), Duration.ofSeconds(5));
                        if (!x.responses().isEmpty() && x.last().status() == 200) {
                            answered.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet();
                    }
                    maxLatency.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                    peakConnections.accumulateAndGet(server.stats().connections(), Math::max);
                    try {
                        Thread.sleep(50); // the normal client's pace
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            boolean ended = attack.waitFor(seconds + 30, TimeUnit.SECONDS);
            running.set(false);
            probe.join();
            if (!ended) {
                attack.destroyForcibly();
            }
            String report = Files.readString(log);
            Files.deleteIfExists(log);
            assertThat(ended).as("slowhttptest ended; output %s", report).isTrue();
            assertThat(failed.get()).as("normal requests that failed during the attack").isZero();
            assertThat(answered.get()).as("normal requests answered").isGreaterThan(seconds * 5);
            assertThat(maxLatency.get()).as("normal client's worst latency (ms) during the attack").isLessThan(2000);
            server.awaitBaseline(base, "slowhttptest -" + mode);
            // a client leaving mid-body is logged as a failed request (ClientGoneLoggingTest): counted apart
            List<String> clientGone = serverLog.problems().stream()
                    .filter(l -> l.contains("the client closed the connection before the request body ended")).toList();
            assertThat(serverLog.problems()).as("server errors logged").hasSize(clientGone.size());
            Settings.figure("slow." + mode + ".clientGoneMidBodyWarnings", clientGone.size());
            Settings.figure("slow." + mode + ".connections", connections);
            Settings.figure("slow." + mode + ".normalRequests", answered.get());
            Settings.figure("slow." + mode + ".normalMaxLatencyMs", maxLatency.get());
            Settings.figure("slow." + mode + ".peakServerConnections", peakConnections.get());
            String summary = report.lines().filter(l -> l.contains("closed") || l.contains("service available")
                    || l.contains("Exit status")).reduce((a, b) -> b).orElse("");
            Settings.figure("slow." + mode + ".slowhttptestLast", summary.replaceAll("\\e\\[[0-9;]*m", "").trim());
        }
    }
}
