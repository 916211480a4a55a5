package io.gyre.bench.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket echo load client: {@code WsEchoLoad --port P [--host 127.0.0.1] [--path /ws]
 * [--conns 100] [--size 32] [--warmup 2] [--duration 5] [--server-pid PID [--clk-tck 100]]}.
 *
 * <p>Opens {@code conns} connections (RFC 6455 handshake, no extensions offered), then on one
 * thread with a selector keeps exactly one text message of {@code size} bytes in flight per
 * connection: send, wait for the echo, check it, send the next. After {@code warmup} seconds it
 * measures for {@code duration} seconds and prints one line of {@code key=value} pairs: echoed
 * messages per second, round-trip latency percentiles in microseconds, and errors (wrong echoes,
 * closed or failed connections). With {@code --server-pid} (Linux) it also prints the CPU used
 * during the measured window, in % of one core: the server's, this client's, and the rest of the
 * machine's ("other": busy CPU minus server and client, as the HTTP load driver counts it).
 * Exits 1 if nothing was echoed.
 */
public final class WsEchoLoad {
    private WsEchoLoad() {
    }

    /**
     * Runs the load.
     *
     * @param args the command line
     * @throws IOException if the connections cannot be opened
     */
    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        String path = "/ws";
        int port = -1;
        int conns = 100;
        int size = 32;
        double warmup = 2;
        double duration = 5;
        long serverPid = -1;
        int clkTck = 100;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--path" -> path = v;
                case "--conns" -> conns = Integer.parseInt(v);
                case "--size" -> size = Integer.parseInt(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--duration" -> duration = Double.parseDouble(v);
                case "--server-pid" -> serverPid = Long.parseLong(v);
                case "--clk-tck" -> clkTck = Integer.parseInt(v);
                default -> usage("unknown option '" + args[i] + "'");
            }
        }
        if (args.length % 2 != 0 || port < 0 || size < 1 || size > 125) {
            usage("needs --port, options in pairs, and 1 <= --size <= 125");
        }
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        Selector selector = Selector.open();
        List<EchoConnection> all = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            EchoConnection c = EchoConnection.open(new InetSocketAddress(host, port), host + ":" + port, path, payload);
            c.channel.register(selector, SelectionKey.OP_READ, c);
            all.add(c);
        }
        Stats stats = new Stats();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (duration * 1e9);
        for (EchoConnection c : all) {
            c.send(System.nanoTime());
        }
        long now;
        long[] cpuAtStart = null;
        while ((now = System.nanoTime()) < end) {
            if (cpuAtStart == null && now >= measureFrom) {
                cpuAtStart = CpuTicks.snapshot(serverPid);
            }
            long until = cpuAtStart == null ? measureFrom : end;
            selector.select(Math.max(1, (until - now) / 1_000_000));
            for (SelectionKey key : selector.selectedKeys()) {
                EchoConnection c = (EchoConnection) key.attachment();
                try {
                    c.readable(stats, measureFrom);
                } catch (IOException e) {
                    stats.errors++;
                    key.cancel();
                    c.channel.close();
                }
            }
            selector.selectedKeys().clear();
        }
        long[] cpuAtEnd = CpuTicks.snapshot(serverPid);
        long measuredNanos = System.nanoTime() - measureFrom;
        for (EchoConnection c : all) {
            c.close();
        }
        selector.close();
        double secs = (end - measureFrom) / 1e9;
        String cpu = CpuTicks.describe(cpuAtStart, cpuAtEnd, clkTck, measuredNanos);
        System.out.println(String.format(Locale.ROOT,
                "msgs_per_s=%.0f p50_us=%.0f p90_us=%.0f p99_us=%.0f p999_us=%.0f max_us=%.0f mean_us=%.0f"
                        + " echoed=%d errors=%d conns=%d size=%d duration_s=%.1f%s",
                stats.count / secs, stats.percentile(50), stats.percentile(90), stats.percentile(99),
                stats.percentile(99.9), stats.percentile(100), stats.mean(), stats.count, stats.errors, conns, size,
                secs, cpu));
        System.exit(stats.count > 0 ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("WsEchoLoad: " + problem + "\nusage: WsEchoLoad --port P [--host 127.0.0.1] [--path /ws]"
                + " [--conns 100] [--size 32] [--warmup 2] [--duration 5]");
        System.exit(2);
    }

    /** Round-trip times of the measured window, in nanoseconds. */
    static final class Stats {
        long[] samples = new long[1 << 16];
        int count;
        long errors;
        private boolean sorted;

        void add(long rttNanos) {
            if (count == samples.length) {
                samples = java.util.Arrays.copyOf(samples, count * 2);
            }
            samples[count++] = rttNanos;
        }

        double percentile(double p) {
            if (count == 0) {
                return 0;
            }
            if (!sorted) {
                java.util.Arrays.sort(samples, 0, count);
                sorted = true;
            }
            int i = (int) Math.ceil(p / 100 * count) - 1;
            return samples[Math.max(0, Math.min(count - 1, i))] / 1e3;
        }

        double mean() {
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += samples[i];
            }
            return count == 0 ? 0 : sum / 1e3 / count;
        }
    }

    /** One client connection with one message in flight. */
    static final class EchoConnection {
        final SocketChannel channel;
        private final byte[] payload;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private final ByteBuffer out;
        private long sentAt;

        private EchoConnection(SocketChannel channel, byte[] payload, ByteBuffer leftover) {
            this.channel = channel;
            this.payload = payload;
            this.out = ByteBuffer.allocate(6 + payload.length + 16);
            in.put(leftover);
        }

        static EchoConnection open(InetSocketAddress address, String hostHeader, String path, byte[] payload)
                throws IOException {
            SocketChannel ch = SocketChannel.open(address);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            ByteBuffer req = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (req.hasRemaining()) {
                ch.write(req);
            }
            ByteBuffer head = ByteBuffer.allocate(4096);
            int end;
            while ((end = headEnd(head)) < 0) {
                if (!head.hasRemaining() || ch.read(head) < 0) {
                    throw new IOException("WebSocket handshake with " + address + path + " got no complete response"
                            + " head: " + new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1));
                }
            }
            String status = new String(head.array(), 0, end, StandardCharsets.ISO_8859_1);
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("WebSocket handshake with " + address + path + " was refused: "
                        + status.lines().findFirst().orElse(status) + "; is the echo endpoint served there?");
            }
            ByteBuffer leftover = ByteBuffer.wrap(head.array(), end, head.position() - end);
            ch.configureBlocking(false);
            return new EchoConnection(ch, payload, leftover);
        }

        private static int headEnd(ByteBuffer b) {
            byte[] a = b.array();
            for (int i = 3; i < b.position(); i++) {
                if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
                    return i + 1;
                }
            }
            return -1;
        }

        void send(long now) throws IOException {
            sendFrame(0x1, payload);
            sentAt = now;
        }

        private void sendFrame(int opcode, byte[] data) throws IOException {
            int mask = ThreadLocalRandom.current().nextInt();
            out.clear();
            out.put((byte) (0x80 | opcode)).put((byte) (0x80 | data.length)).putInt(mask);
            for (int i = 0; i < data.length; i++) {
                out.put((byte) (data[i] ^ (mask >>> (24 - 8 * (i & 3)))));
            }
            out.flip();
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    Thread.onSpinWait(); // a 40-byte frame to an idle socket: the buffer has room
                }
            }
        }

        /** Reads what arrived; for each complete echo records the round trip and sends the next. */
        void readable(Stats stats, long measureFrom) throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("server closed the connection");
            }
            in.flip();
            while (in.remaining() >= 2) {
                int start = in.position();
                int b0 = in.get() & 0xff;
                int len = in.get() & 0x7f;
                if (len == 126) {
                    if (in.remaining() < 2) {
                        in.position(start);
                        break;
                    }
                    len = in.getShort() & 0xffff;
                } else if (len == 127) {
                    throw new IOException("unexpected 64-bit frame length from an echo of " + payload.length + " bytes");
                }
                if (in.remaining() < len) {
                    in.position(start);
                    break;
                }
                int opcode = b0 & 0x0f;
                byte[] data = new byte[len];
                in.get(data);
                switch (opcode) {
                    case 0x1, 0x2 -> {
                        long now = System.nanoTime();
                        if (!java.util.Arrays.equals(data, payload)) {
                            stats.errors++;
                        } else if (sentAt >= measureFrom) {
                            stats.add(now - sentAt);
                        }
                        send(now);
                    }
                    case 0x9 -> sendFrame(0xA, data); // ping: answer pong
                    case 0xA -> { } // unsolicited pong
                    case 0x8 -> throw new IOException("server sent close");
                    default -> throw new IOException("unexpected opcode " + opcode);
                }
            }
            in.compact();
        }

        void close() {
            try {
                sendFrame(0x8, new byte[] {0x03, (byte) 0xE8});
            } catch (IOException e) {
                // the connection is gone already
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
