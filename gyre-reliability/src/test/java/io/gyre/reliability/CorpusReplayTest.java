package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays the vendored request corpora whole, one byte at a time and in random pieces. */
class CorpusReplayTest {
    private static final Duration BOUND = Duration.ofSeconds(6);
    private static final AtomicInteger replayed = new AtomicInteger();
    private static LogCapture log;
    private static TestServer server;
    private static TestServer.Baseline base;

    @BeforeAll
    static void start() throws Exception {
        log = LogCapture.start();
        server = TestServer.start(Invariants.ECHO, c -> c.headerReadTimeout(Duration.ofSeconds(2))
                .keepAliveTimeout(Duration.ofSeconds(1)).maxBodyBytes(1 << 20).logLevel("warning"));
        Wire.Exchange warm = Wire.exchange(server.port(), List.of(Invariants.FOLLOW_UP), BOUND);
        assertThat(warm.responses()).hasSize(1);
        base = server.awaitIdle();
    }

    @AfterAll
    static void stop() {
        Settings.figure("corpus.replays", replayed.get());
        try {
            assertThat(log.problems()).as("server errors logged during the replay").isEmpty();
            assertThat(server.stop()).isZero();
        } finally {
            server.close();
            log.close();
        }
    }

    static List<Corpus.Vector> vectors() {
        return Corpus.all();
    }

    @Test
    void theCorporaHoldTheVectorsTheyPromise() {
        assertThat(Corpus.load("http-parser")).hasSizeGreaterThanOrEqualTo(70);
        assertThat(Corpus.load("nodejs")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Corpus.all()).allSatisfy(v -> assertThat(v.bytes()).isNotEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorSentWholeKeepsEveryPromise(Corpus.Vector v) throws Exception {
        replay(v, List.of(v.bytes(), Invariants.FOLLOW_UP), "whole");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorSentOneByteAtATimeKeepsEveryPromise(Corpus.Vector v) throws Exception {
        List<byte[]> pieces = new ArrayList<>();
        byte[] b = v.bytes();
        int step = Math.max(1, b.length / 2000); // long vectors: ~2000 pieces
        for (int i = 0; i < b.length; i += step) {
            pieces.add(java.util.Arrays.copyOfRange(b, i, Math.min(b.length, i + step)));
        }
        pieces.add(Invariants.FOLLOW_UP);
        replay(v, pieces, "byte by byte");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorSentInRandomPiecesKeepsEveryPromise(Corpus.Vector v) throws Exception {
        byte[] all = new byte[v.bytes().length + Invariants.FOLLOW_UP.length];
        System.arraycopy(v.bytes(), 0, all, 0, v.bytes().length);
        System.arraycopy(Invariants.FOLLOW_UP, 0, all, v.bytes().length, Invariants.FOLLOW_UP.length);
        replay(v, Mutator.split(all, new Random(v.file().hashCode())), "random pieces");
    }

    private static void replay(Corpus.Vector v, List<byte[]> pieces, String how) throws Exception {
        Wire.Exchange x = Wire.exchange(server.port(), pieces, BOUND);
        replayed.incrementAndGet();
        assertThat(Invariants.violations(x)).as("%s (%s, %s: %s) sent %s; responses %s", v, v.verdict(), v.note(),
                Invariants.abbreviate(new String(v.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)), how,
                x.responses()).isEmpty();
        server.awaitBaseline(base, v + " sent " + how);
    }
}
