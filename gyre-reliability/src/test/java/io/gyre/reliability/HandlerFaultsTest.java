package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Gyre;
import io.gyre.runtime.Report;
import io.gyre.server.Handler;
import io.gyre.server.HttpServer;
import io.gyre.server.TestServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Handlers that fail, block a loop, or ignore cancellation. */
class HandlerFaultsTest {
    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void failingHandlersAnswer500AndTheServerKeepsServing() throws Exception {
        try (LogCapture log = LogCapture.start(); TestServer server = TestServer.start((rq, rs) -> {
            if (rq.path().equals("/boom")) {
                throw new IllegalStateException("handler failure on purpose");
            }
            rs.send("ok");
        }, c -> c.logLevel("warning"))) {
            TestServer.Baseline base = server.awaitIdle();
            for (int i = 0; i < 50; i++) {
                Wire.Exchange x = Wire.exchange(server.port(), List.of(
                        "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), Duration.ofSeconds(5));
                assertThat(x.last().status()).isEqualTo(500);
                assertThat(x.closed()).isTrue();
                assertThat(Wire.exchange(server.port(), List.of(GET), Duration.ofSeconds(5)).last().body()).isEqualTo("ok");
            }
            server.awaitBaseline(base, "50 failing handlers");
            assertThat(log.problems()).hasSize(50).allMatch(l -> l.contains("GET /boom HTTP/1.1"));
        }
    }

    /** Sends a keep-alive GET on {@code s} and returns the body, or empty if no answer within {@code millis}. */
    private static String get(Socket s, String path, int millis) throws Exception {
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        s.setSoTimeout(millis);
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        java.io.InputStream in = s.getInputStream();
        try {
            while (true) {
                String text = got.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0) {
                    int cl = Integer.parseInt(text.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                    if (text.length() >= end + 4 + cl) {
                        return text.substring(end + 4, end + 4 + cl);
                    }
                }
                int b = in.read();
                if (b < 0) {
                    return "";
                }
                got.write(b);
            }
        } catch (java.net.SocketTimeoutException e) {
            return "";
        }
    }

    @Test
    void aLoopSafeHandlerBlockingItsLoopIsReportedAndTheOtherLoopKeepsServing() throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String[] blockedLoop = new String[1];
        try (LogCapture _ = LogCapture.start(); TestServer server = TestServer.start(Handler.loopSafe((rq, rs) -> {
            if (rq.path().equals("/block")) {
                blockedLoop[0] = Thread.currentThread().getName();
                blocking.countDown();
                release.await(20, TimeUnit.SECONDS); // misbehaving on purpose: blocks its loop
            }
            rs.send(Thread.currentThread().getName());
        }), c -> c.logLevel("warning"), r -> r.blockedThreshold(Duration.ofMillis(100)))) {
            List<Socket> open = new ArrayList<>();
            try {
                // keep-alive connections spread round-robin over the 2 loops, opened before the block
                java.util.Map<Socket, String> loopOf = new java.util.HashMap<>();
                for (int i = 0; i < 4; i++) {
                    Socket s = Wire.connect(server.port());
                    open.add(s);
                    loopOf.put(s, get(s, "/", 5000));
                }
                assertThat(new java.util.HashSet<>(loopOf.values())).as("loops serving the connections").hasSize(2);
                Socket blocker = open.getFirst();
                blocker.getOutputStream().write("GET /block HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(blocking.await(5, TimeUnit.SECONDS)).isTrue();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (server.reports().stream().noneMatch(r -> r instanceof Report.BlockedLoop)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10); // polling the reporter: the watchdog reports asynchronously
                }
                assertThat(server.reports()).anySatisfy(r -> {
                    assertThat(r).isInstanceOf(Report.BlockedLoop.class);
                    assertThat(((Report.BlockedLoop) r).stack()).anyMatch(f -> f.getClassName().contains("HandlerFaultsTest"));
                });
                int servedByTheOtherLoop = 0;
                for (Socket s : open.subList(1, open.size())) {
                    if (!loopOf.get(s).equals(blockedLoop[0])) {
                        assertThat(get(s, "/", 2000)).as("answer on a connection of the free loop").isEqualTo(loopOf.get(s));
                        servedByTheOtherLoop++;
                    }
                }
                assertThat(servedByTheOtherLoop).isPositive();
                release.countDown();
            } finally {
                release.countDown();
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aHandlerIgnoringCancellationIsReportedAtTheGraceDeadlineAndShutdownCompletes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        LogCapture log = LogCapture.start();
        TestServer server = TestServer.start((rq, rs) -> {
            started.countDown();
            long until = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < until) { // ignores cancellation on purpose, bounded
                try {
                    Gyre.sleep(Duration.ofMillis(20));
                } catch (CancelledException swallowed) {
                    // misbehaving on purpose
                }
                if (stop.getCount() == 0) {
                    break;
                }
            }
            rs.send("late");
        }, c -> c.gracefulTimeout(Duration.ofMillis(300)).cancelGrace(Duration.ofMillis(300)).logLevel("error"),
                r -> r.shutdownGrace(Duration.ofMillis(500)).cancelGrace(Duration.ofMillis(500)));
        try (Socket s = Wire.connect(server.port())) {
            s.getOutputStream().write(GET);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            int code = server.stop();
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(code).isEqualTo(HttpServer.EXIT_GRACEFUL_TIMEOUT);
            stop.countDown();
            server.close();
            assertThat(server.reports()).as("reports: %s", server.reports())
                    .anySatisfy(r -> assertThat(r).isInstanceOf(Report.Straggler.class));
            Settings.figure("faults.ignoringCancellation.shutdownMs", tookMs);
        } finally {
            stop.countDown();
            server.close();
            log.close();
        }
    }
}
