package io.gyre.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.gyre.server.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Feeds raw bytes to the codec the ways a connection can deliver them: whole, one byte at a
 * time, and in random splits from fixed seeds; in heap buffers (with a non-zero array offset)
 * and direct buffers. Every valid input must decode the same way under every feed, and every
 * invalid one must fail with the same status.
 */
final class Wire {
    /** How the bytes arrive. */
    record Feed(String name, int maxChunk, long seed, boolean direct) {
        @Override
        public String toString() {
            return name + (direct ? " (direct)" : " (heap)");
        }
    }

    /** One request read off the wire: head, decoded body, trailers. */
    record Exchange(RequestHead head, String body, Headers trailers) {}

    /** What a whole read produced: the exchanges and the bytes left unconsumed after the last one. */
    record Read(List<Exchange> exchanges, String rest) {}

    static final List<Feed> FEEDS = feeds();

    private Wire() {}

    private static List<Feed> feeds() {
        List<Feed> feeds = new ArrayList<>();
        for (boolean direct : new boolean[] {false, true}) {
            feeds.add(new Feed("whole", Integer.MAX_VALUE, 0, direct));
            feeds.add(new Feed("one byte at a time", 1, 0, direct));
            for (long seed = 1; seed <= 4; seed++) {
                feeds.add(new Feed("random splits, seed " + seed, 2 + (int) seed * 7, seed, direct));
            }
        }
        return List.copyOf(feeds);
    }

    /** Joins lines with CRLF and ends the head with an empty line. */
    static String head(String... lines) {
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads every complete request of {@code raw} with one feed. */
    static Read read(String raw, HttpLimits limits, Feed feed) {
        byte[] data = bytes(raw);
        RequestHeadParser parser = new RequestHeadParser(limits);
        List<Exchange> exchanges = new ArrayList<>();
        Random random = new Random(feed.seed());
        byte[] leftover = new byte[0];
        RequestHead head = null;
        BodyDecoder decoder = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer out = ByteBuffer.allocate(7); // small on purpose: decoders must stop when out is full
        int offset = 0;
        while (offset < data.length) {
            int n = Math.min(data.length - offset, feed.maxChunk() == Integer.MAX_VALUE ? Integer.MAX_VALUE
                    : feed.maxChunk() == 1 ? 1 : 1 + random.nextInt(feed.maxChunk()));
            byte[] chunk = new byte[leftover.length + n];
            System.arraycopy(leftover, 0, chunk, 0, leftover.length);
            System.arraycopy(data, offset, chunk, leftover.length, n);
            offset += n;
            ByteBuffer in = buffer(chunk, feed.direct());
            while (true) {
                if (head == null) {
                    int before = in.position();
                    head = parser.parse(in);
                    if (head == null) {
                        assertThat(in.hasRemaining()).as("an incomplete head consumes all input").isFalse();
                        break;
                    }
                    assertThat(in.position()).isGreaterThan(before);
                    decoder = BodyDecoder.forHead(head, limits);
                    body.reset();
                }
                while (!decoder.isComplete() && in.hasRemaining()) {
                    int before = in.position();
                    int produced = decoder.decode(in, out);
                    assertThat(produced).isEqualTo(out.position());
                    body.write(out.array(), 0, out.position());
                    out.clear();
                    if (produced == 0 && in.position() == before) {
                        fail("decoder made no progress with input and room: " + decoder);
                    }
                }
                if (!decoder.isComplete()) {
                    break;
                }
                exchanges.add(new Exchange(head, body.toString(StandardCharsets.ISO_8859_1), decoder.trailers()));
                head = null;
                parser.reset();
            }
            leftover = new byte[in.remaining()];
            in.get(leftover);
        }
        String rest = new String(leftover, StandardCharsets.ISO_8859_1);
        if (head != null) {
            rest = "<incomplete body of " + head + ">" + rest;
        }
        return new Read(exchanges, rest);
    }

    /** Reads {@code raw} with every feed, checks they agree, and returns the result. */
    static Read readAllWays(String raw, HttpLimits limits) {
        Read first = null;
        for (Feed feed : FEEDS) {
            Read read;
            try {
                read = read(raw, limits, feed);
            } catch (HttpParseException e) {
                throw new AssertionError("fed " + feed + ": " + e, e);
            }
            if (first == null) {
                first = read;
            } else {
                assertThat(read).as("fed " + feed).isEqualTo(first);
            }
        }
        return first;
    }

    static Read readAllWays(String raw) {
        return readAllWays(raw, HttpLimits.DEFAULTS);
    }

    /** Parses one complete request (head and body) with every feed and returns it. */
    static Exchange exchange(String raw) {
        return exchange(raw, HttpLimits.DEFAULTS);
    }

    static Exchange exchange(String raw, HttpLimits limits) {
        Read read = readAllWays(raw, limits);
        assertThat(read.exchanges()).as("requests read from " + printable(raw)).hasSize(1);
        assertThat(read.rest()).as("bytes left").isEmpty();
        return read.exchanges().get(0);
    }

    /** Parses one request head with every feed and returns it. */
    static RequestHead parse(String raw) {
        return exchange(raw).head();
    }

    static RequestHead parse(String raw, HttpLimits limits) {
        return exchange(raw, limits).head();
    }

    /** Checks that every feed rejects {@code raw} with this status; returns the reason. */
    static String rejects(String raw, int status) {
        return rejects(raw, HttpLimits.DEFAULTS, status);
    }

    static String rejects(String raw, HttpLimits limits, int status) {
        String reason = null;
        for (Feed feed : FEEDS) {
            HttpParseException[] caught = new HttpParseException[1];
            assertThatThrownBy(() -> {
                try {
                    read(raw, limits, feed);
                } catch (HttpParseException e) {
                    caught[0] = e;
                    throw e;
                }
            }).as("fed " + feed + ": " + printable(raw)).isInstanceOf(HttpParseException.class);
            assertThat(caught[0].status()).as("status when fed " + feed + " (" + caught[0].reason() + ")")
                    .isEqualTo(status);
            reason = caught[0].reason();
        }
        return reason;
    }

    /** Feeds {@code in} to the parser once and returns the status it fails with. */
    static int rejectsDirectly(RequestHeadParser parser, ByteBuffer in) {
        try {
            RequestHead head = parser.parse(in);
            throw new AssertionError("expected a rejection, got " + head);
        } catch (HttpParseException e) {
            return e.status();
        }
    }

    static ByteBuffer buffer(byte[] bytes, boolean direct) {
        if (direct) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
            buffer.put(bytes).flip();
            return buffer;
        }
        byte[] padded = new byte[bytes.length + 6];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        return ByteBuffer.wrap(padded, 3, bytes.length).slice(); // a non-zero arrayOffset
    }

    static String printable(String raw) {
        String shown = raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }
}
