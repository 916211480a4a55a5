package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak against a child-JVM server: keep-alive, pipelined, streaming and slow clients
 * at once; RSS and live tasks sampled, flat after warm-up; nothing logged. 30 s in CI, 10 min
 * from bench/reliability/soak.sh.
 */
class SoakTest {
    @Test
    void mixedClientsForAWhileLeaveMemoryAndTasksFlatAndNothingLogged() throws Exception {
        long seconds = Settings.number("soak.seconds", 30);
        long every = Math.min(10, Math.max(2, seconds / 6));
        try (ChildServer child = new ChildServer(0, 10_000, 0, 0, "256m", 1000)) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong pipelined = new AtomicLong();
            AtomicLong streamed = new AtomicLong();
            AtomicLong slow = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            LoadClient keepAlive = new LoadClient(child.port, 8, "/", false);
            byte[] four = ("GET /p1 HTTP/1.1\r\nHost: x\r\n\r\n".repeat(3)
                    + "GET /p4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] stream = "GET /stream?n=64 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            byte[] slowHead = "GET /slow?ms=5 HTTP/1.1\r\nHost: x\r\nX-Slow: yes\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1);
            clients.add(Thread.ofVirtual().start(() -> loop(running, failures, () -> {
                Wire.Exchange x = Wire.exchange(child.port, List.of(four), Duration.ofSeconds(10));
                if (x.responses().size() != 4) {
                    throw new AssertionError("pipelined: " + x.responses().size() + " answers");
                }
                pipelined.incrementAndGet();
            })));
            clients.add(Thread.ofVirtual().start(() -> loop(running, failures, () -> {
                Wire.Exchange x = Wire.exchange(child.port, List.of(stream), Duration.ofSeconds(10));
                if (x.responses().size() != 1 || x.last().body().length() != 64 * 1024) {
                    throw new AssertionError("stream: " + x.responses());
                }
                streamed.incrementAndGet();
            })));
            for (int i = 0; i < 4; i++) {
                clients.add(Thread.ofVirtual().start(() -> loop(running, failures, () -> {
                    try (Socket s = Wire.connect(child.port)) {
                        OutputStream out = s.getOutputStream();
                        // about 1 s for the head, within the 3 s deadline: byte k goes out at
                        // start + 15 ms * k, so sleeps that overshoot on a busy machine do not add up
                        long start = System.nanoTime();
                        for (int k = 0; k < slowHead.length; k++) {
                            out.write(slowHead[k]);
                            out.flush();
                            long next = start + (k + 1) * 15_000_000L - System.nanoTime();
                            if (next > 0) {
                                Thread.sleep(next / 1_000_000, (int) (next % 1_000_000)); // a slow client's pace
                            }
                        }
                        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                        Wire.readUntilClosed(s, got, System.nanoTime() + 10_000_000_000L);
                        if (!got.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200")) {
                            throw new AssertionError("slow client: " + got);
                        }
                        slow.incrementAndGet();
                    }
                })));
            }
            List<long[]> samples = new ArrayList<>(); // seconds, rss KiB, live tasks, connections
            long start = System.nanoTime();
            for (long t = every; t <= seconds; t += every) {
                Thread.sleep(Duration.ofNanos(Math.max(0, start + t * 1_000_000_000L - System.nanoTime()))); // the sampling period
                String stats = stats(child.port);
                long tasks = Long.parseLong(stats.replaceAll(".*tasks=(\\d+).*", "$1"));
                long conns = Long.parseLong(stats.replaceAll(".*connections=(\\d+).*", "$1"));
                samples.add(new long[] {t, child.rssKiB(), tasks, conns});
                Settings.figure("soak.sample", "t=" + t + "s rssKiB=" + child.rssKiB() + " " + stats);
            }
            running.set(false);
            LoadClient.Totals ka = keepAlive.stop();
            for (Thread c : clients) {
                c.join(20_000);
            }
            String idle = "";
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                idle = stats(child.port);
                if (idle.startsWith("connections=1 active=1 ")) {
                    break;
                }
                Thread.sleep(50); // polling the stats endpoint until the soak's connections are gone
            }
            long idleTasks = Long.parseLong(idle.replaceAll(".*tasks=(\\d+).*", "$1"));
            child.sigterm();
            assertThat(child.exit(30)).isZero();
            assertThat(failures.get()).as("client failures").isZero();
            assertThat(ka.non2xx() + ka.failedInFlight()).as("keep-alive client: %s", ka).isZero();
            assertThat(idle).as("server after the soak (only the stats request itself)").startsWith("connections=1 active=1 ");
            List<long[]> after = samples.subList(samples.size() / 3, samples.size());
            long rssFirst = after.getFirst()[1];
            long rssMax = after.stream().mapToLong(s -> s[1]).max().orElseThrow();
            assertThat(rssMax).as("RSS (KiB) after warm-up: first %d, max %d", rssFirst, rssMax)
                    .isLessThan(rssFirst + rssFirst / 2 + 32 * 1024);
            long tasksMax = samples.stream().mapToLong(s -> s[2]).max().orElseThrow();
            assertThat(tasksMax).as("live tasks while sampling").isLessThan(200);
            assertThat(child.problems()).as("problems the server logged").isEmpty();
            Settings.figure("soak.seconds", seconds);
            Settings.figure("soak.requests", "keepAlive=" + ka.ok() + " pipelinedBatches=" + pipelined.get() + " streams="
                    + streamed.get() + " slowClients=" + slow.get());
            Settings.figure("soak.rssKiB", "afterWarmup=" + rssFirst + " max=" + rssMax);
            Settings.figure("soak.idleTasksAfter", idleTasks);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void loop(AtomicBoolean running, AtomicLong failures, Step step) {
        while (running.get()) {
            try {
                step.run();
            } catch (Exception | AssertionError e) {
                failures.incrementAndGet();
                System.out.println("[soak] client failure: " + e);
            }
        }
    }

    private static String stats(int port) throws Exception {
        Wire.Exchange x = Wire.exchange(port, List.of("GET /__stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1)), Duration.ofSeconds(10));
        return x.last().body();
    }
}
