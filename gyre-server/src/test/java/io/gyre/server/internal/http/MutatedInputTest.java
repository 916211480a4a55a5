package io.gyre.server.internal.http;

import static io.gyre.server.internal.http.Wire.head;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid requests (byte flips, hostile bytes, truncation, duplication) from a fixed
 * seed and checks the codec's invariants on each: it only ever fails with an
 * HttpParseException, and every way of splitting the input gives the same outcome.
 */
class MutatedInputTest {
    private static final List<String> CORPUS = List.of(
            head("GET /plaintext HTTP/1.1", "Host: localhost:8080", "Accept: text/plain", "Connection: keep-alive"),
            head("POST /echo?x=1 HTTP/1.1", "Host: a", "Content-Length: 5", "Expect: 100-continue") + "hello",
            head("POST /c HTTP/1.1", "Host: a", "Transfer-Encoding: chunked") + "4;ext=v\r\nabcd\r\n0\r\nT: 1\r\n\r\n",
            head("GET / HTTP/1.0", "Connection: keep-alive") + head("GET /2 HTTP/1.1", "Host: b"),
            "\r\n" + head("OPTIONS * HTTP/1.1", "Host: a", "Upgrade: h2c", "Connection: Upgrade"));

    private static final byte[] HOSTILE = {'\r', '\n', ' ', '\t', 0, ':', ',', ';', '"', 0x7f, (byte) 0xff, '0', 'f'};

    private sealed interface Outcome permits Parsed, Refused {}

    private record Parsed(Wire.Read read) implements Outcome {}

    private record Refused(int status) implements Outcome {}

    @Test
    void mutatedRequestsFailOnlyWithParseErrorsAndTheSameWayForEverySplit() {
        Random random = new Random(20_260_101);
        HttpLimits limits = HttpLimits.DEFAULTS.withMaxHeaderBytes(512).withMaxRequestLineBytes(128).withMaxBodyBytes(64);
        int refused = 0;
        int parsed = 0;
        for (int round = 0; round < 400; round++) {
            String input = mutate(CORPUS.get(random.nextInt(CORPUS.size())), random);
            List<Outcome> outcomes = new ArrayList<>();
            for (Wire.Feed feed : Wire.FEEDS) {
                outcomes.add(outcome(input, limits, feed));
            }
            assertThat(outcomes).as("outcomes for %s", Wire.printable(input)).allMatch(o -> o.equals(outcomes.get(0)));
            if (outcomes.get(0) instanceof Refused r) {
                assertThat(r.status()).isIn(400, 413, 414, 431, 501, 505);
                refused++;
            } else {
                parsed++;
            }
        }
        assertThat(refused).as("mutations refused").isGreaterThan(50);
        assertThat(parsed).as("mutations still valid").isGreaterThan(20);
    }

    private static Outcome outcome(String input, HttpLimits limits, Wire.Feed feed) {
        try {
            return new Parsed(Wire.read(input, limits, feed));
        } catch (HttpParseException e) {
            return new Refused(e.status());
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && !s.isEmpty(); m++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(6)) {
                case 0 -> s.setCharAt(at, (char) ((s.charAt(at) ^ (1 << random.nextInt(8))) & 0xff));
                case 1 -> s.setCharAt(at, (char) (HOSTILE[random.nextInt(HOSTILE.length)] & 0xff));
                case 2 -> s.insert(at, (char) (HOSTILE[random.nextInt(HOSTILE.length)] & 0xff));
                case 3 -> s.deleteCharAt(at);
                case 4 -> s.setLength(at);
                default -> {
                    int end = Math.min(s.length(), at + 1 + random.nextInt(20));
                    s.insert(at, s.substring(at, end));
                }
            }
        }
        return s.toString();
    }
}
