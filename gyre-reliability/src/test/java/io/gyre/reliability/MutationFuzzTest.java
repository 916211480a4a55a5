package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.Handler;
import io.gyre.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid requests (bit flips, truncation, duplication, random splits) with a fixed seed,
 * bounded by count and time, and checks the hostile-input invariants for each.
 */
class MutationFuzzTest {
    private static final List<byte[]> SEEDS = List.of(
            "GET /a?b=c HTTP/1.1\r\nHost: x\r\nAccept: */*\r\nUser-Agent: fuzz\r\n\r\n",
            "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world",
            "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n",
            "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
            "PUT /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
            "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "HEAD /h HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.0.1, 10.0.0.2\r\n\r\n")
            .stream().map(s -> s.getBytes(StandardCharsets.ISO_8859_1)).toList();

    private static final UnaryOperator<io.gyre.server.ServerConfig.Builder> CONFIG = c -> c
            .headerReadTimeout(Duration.ofSeconds(2)).bodyReadTimeout(Duration.ofSeconds(2)).keepAliveTimeout(Duration.ofSeconds(1)).maxBodyBytes(1 << 16)
            .logLevel("warning");

    @Test
    void mutatedRequestsToATaskHandlerKeepEveryPromise() throws Exception {
        fuzz(Invariants.ECHO, "task", 0);
    }

    @Test
    void mutatedRequestsToALoopSafeHandlerKeepEveryPromise() throws Exception {
        fuzz(Handler.loopSafe((rq, rs) -> {
            rs.header("x-method", rq.method());
            rs.send("target=" + rq.target() + " method=" + rq.method() + " body=0");
        }), "loop-safe", 1);
    }

    private static void fuzz(Handler handler, String mode, long seedOffset) throws Exception {
        long seed = Settings.number("fuzz.seed", 20250520) + seedOffset;
        long count = Settings.number("fuzz.count", 3000) / 2;
        long until = System.nanoTime() + Settings.seconds("fuzz.seconds", 20).toNanos() / 2;
        Random random = new Random(seed);
        int done = 0;
        try (LogCapture log = LogCapture.start(); TestServer server = TestServer.start(handler, CONFIG)) {
            Wire.exchange(server.port(), List.of(Invariants.FOLLOW_UP), Duration.ofSeconds(5));
            TestServer.Baseline base = server.awaitIdle();
            while (done < count && System.nanoTime() < until) {
                byte[] input = Mutator.mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
                byte[] all = new byte[input.length + Invariants.FOLLOW_UP.length];
                System.arraycopy(input, 0, all, 0, input.length);
                System.arraycopy(Invariants.FOLLOW_UP, 0, all, input.length, Invariants.FOLLOW_UP.length);
                List<byte[]> pieces = random.nextInt(4) == 0 ? Mutator.split(all, random) : new ArrayList<>(List.of(all));
                Wire.Exchange x = Wire.exchange(server.port(), pieces, Duration.ofSeconds(6));
                String shown = Invariants.abbreviate(new String(input, StandardCharsets.ISO_8859_1));
                assertThat(Invariants.violations(x)).as("%s handler, seed %d, case %d: %s; responses %s", mode, seed,
                        done, shown, x.responses()).isEmpty();
                server.awaitBaseline(base, "fuzz case " + done + ": " + shown);
                done++;
            }
            assertThat(log.problems()).as("server errors logged while fuzzing").isEmpty();
            assertThat(server.stop()).isZero();
        }
        assertThat(done).as("fuzz cases run").isGreaterThan(100);
        Settings.figure("fuzz." + mode + ".cases", done);
    }
}
