package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.CancelledException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Pipelined requests without a body run as concurrent tasks (at most 16 per connection), and
 * their responses still leave strictly in request order.
 */
class PipelinedDispatchTest {
    private static final long WAIT_SECONDS = 10;

    private static String gets(int count) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < count; i++) {
            all.append("GET /").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        return all.toString();
    }

    private static int index(Request rq) {
        return Integer.parseInt(rq.path().substring(1));
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("timed out waiting for a latch");
        }
    }

    @Test
    void laterRequestsFinishingFirstStillAnswerInRequestOrder() throws Exception {
        int n = 8;
        List<CountDownLatch> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(new CountDownLatch(1));
        }
        // request i answers only after request i + 1 answered: the last one finishes first
        Handler app = (rq, rs) -> {
            int i = index(rq);
            try {
                if (i + 1 < n) {
                    await(sent.get(i + 1));
                }
            } catch (InterruptedException e) {
                throw new CancelledException("interrupted");
            }
            rs.send("answer " + i);
            sent.get(i).countDown();
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            c.send(gets(n));
            for (int i = 0; i < n; i++) {
                assertThat(c.read().body()).isEqualTo("answer " + i);
            }
        }
    }

    @Test
    void aMalformedRequestBehindRunningOnesIsAnsweredAfterThemThenTheConnectionCloses() throws Exception {
        CountDownLatch secondStarted = new CountDownLatch(1);
        Handler app = (rq, rs) -> {
            int i = index(rq);
            if (i == 0) {
                try {
                    await(secondStarted); // so the bad head is parsed while both run
                } catch (InterruptedException e) {
                    throw new CancelledException("interrupted");
                }
            } else {
                secondStarted.countDown();
            }
            rs.send("answer " + i);
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            c.send(gets(2) + "GET /bad path HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("answer 0");
            assertThat(c.read().body()).isEqualTo("answer 1");
            RawClient.Reply bad = c.read();
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void pipelinedRequestsRunConcurrentlyUpToSixteenPerConnection() throws Exception {
        int n = 20;
        CountDownLatch sixteenStarted = new CountDownLatch(16);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Handler app = (rq, rs) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sixteenStarted.countDown();
            try {
                await(release);
            } catch (InterruptedException e) {
                throw new CancelledException("interrupted");
            } finally {
                running.decrementAndGet();
            }
            rs.send("answer " + index(rq));
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            c.send(gets(n));
            await(sixteenStarted); // would time out if the requests ran one at a time
            assertThat(server.stats().activeRequests()).isEqualTo(16);
            release.countDown();
            for (int i = 0; i < n; i++) {
                assertThat(c.read().body()).isEqualTo("answer " + i);
            }
            assertThat(most.get()).isEqualTo(16);
        }
    }

    @Test
    void aClientThatDisconnectsMidPipelineCancelsEveryInFlightTask() throws Exception {
        int n = 5;
        CountDownLatch started = new CountDownLatch(n);
        CountDownLatch cancelled = new CountDownLatch(n);
        CountDownLatch never = new CountDownLatch(1);
        Handler app = (rq, rs) -> {
            started.countDown();
            try {
                io.gyre.runtime.Gyre.sleep(java.time.Duration.ofSeconds(WAIT_SECONDS * 3));
            } catch (CancelledException e) {
                cancelled.countDown();
                throw e;
            }
            never.countDown();
            rs.send("too late");
        };
        try (TestServer server = TestServer.start(app)) {
            RawClient c = new RawClient(server.port());
            c.send(gets(n));
            await(started);
            c.close();
            await(cancelled);
            assertThat(never.getCount()).isEqualTo(1);
        }
    }

    @Test
    void shutdownLetsPipelinedRequestsFinishAndCloseAfterTheLast() throws Exception {
        int n = 3;
        CountDownLatch started = new CountDownLatch(n + 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<CountDownLatch> releaseNext = new AtomicReference<>(release);
        Handler app = (rq, rs) -> {
            CountDownLatch gate = releaseNext.get();
            started.countDown();
            try {
                await(gate);
            } catch (InterruptedException e) {
                throw new CancelledException("interrupted");
            }
            rs.send("answer " + index(rq));
        };
        try (TestServer server = TestServer.start(app, c -> c.gracefulTimeout(java.time.Duration.ofSeconds(20)));
                RawClient idle = new RawClient(server.port()); RawClient c = new RawClient(server.port())) {
            idle.send("GET /0 HTTP/1.1\r\nHost: x\r\n\r\n");
            release.countDown();
            assertThat(idle.read().body()).isEqualTo("answer 0");
            CountDownLatch held = new CountDownLatch(1);
            releaseNext.set(held);
            c.send(gets(n));
            await(started);
            server.server().requestShutdown("test drain");
            // the drain closes idle keep-alive connections: once this one is closed, the drain began
            assertThat(idle.closedByServer()).isTrue();
            held.countDown();
            for (int i = 0; i < n; i++) {
                RawClient.Reply r = c.read();
                assertThat(r.body()).isEqualTo("answer " + i);
                assertThat(r.header("Connection")).isEqualTo(i == n - 1 ? "close" : null);
            }
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aLaterResponseHeldBehindASlowOneIsBoundedByTheWatermark() throws Exception {
        int chunk = 8192;
        int total = 1 << 20;
        AtomicReference<Thread> streamer = new AtomicReference<>();
        AtomicLong streamed = new AtomicLong();
        AtomicReference<String> firstSaw = new AtomicReference<>("nothing");
        Handler app = (rq, rs) -> {
            if (rq.path().equals("/slow")) {
                // wait until the later request is blocked with its output held, or finished
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (System.nanoTime() < deadline) {
                    Thread t = streamer.get();
                    if (streamed.get() == total) {
                        firstSaw.set("finished");
                        break;
                    }
                    if (t != null && streamed.get() > 0 && t.getState() == Thread.State.WAITING) {
                        firstSaw.set("blocked at " + streamed.get());
                        break;
                    }
                    LockSupport.parkNanos(1_000_000); // no event marks a writer blocked on its held output
                }
                rs.send("slow");
                return;
            }
            streamer.set(Thread.currentThread());
            byte[] bytes = new byte[chunk];
            try (OutputStream out = rs.header("Content-Length", String.valueOf(total)).body()) {
                for (int sent = 0; sent < total; sent += chunk) {
                    out.write(bytes);
                    out.flush();
                    streamed.addAndGet(chunk);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try (TestServer server = TestServer.start(app, c -> c.writeHighWatermark(64 * 1024));
                RawClient c = new RawClient(server.port())) {
            c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("slow");
            assertThat(c.read().body()).hasSize(total);
            assertThat(firstSaw.get()).startsWith("blocked at");
            long blockedAt = Long.parseLong(firstSaw.get().substring("blocked at ".length()));
            assertThat(blockedAt).isLessThanOrEqualTo(64 * 1024 + 2L * chunk);
            assertThat(server.stats().peakBufferedResponseBytes()).isLessThanOrEqualTo(64 * 1024 + 3L * chunk);
        }
    }
}
