package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** permessage-deflate (RFC 7692) over a raw socket: compressed frames built byte by byte. */
class WebSocketDeflateFramesTest {
    private static final byte[] SENTENCE = "the quick brown fox jumps over the lazy dog, again and again and again"
            .getBytes(StandardCharsets.UTF_8);
    private static TestServer server;

    @BeforeAll
    static void start() {
        WebSocketHandler echo = WsRawClient.ECHO;
        server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain http\n"))
                .webSocket("/echo", WebSocketEndpoint.builder(echo)
                        .config(WebSocketConfig.builder().pingInterval(Duration.ZERO).build()).build())
                .configure(c -> c.host("127.0.0.1").port(0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static WsRawClient connect(String offer) throws Exception {
        WsRawClient c = new WsRawClient(server.port(), "/echo", "Sec-WebSocket-Extensions: " + offer + "\r\n");
        assertThat(c.responseHead).startsWith("HTTP/1.1 101 ");
        return c;
    }

    /** One message compressed on its own, sync-flushed, with the 00 00 FF FF tail removed. */
    private static byte[] compress(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        int n;
        while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        d.end();
        byte[] z = out.toByteArray();
        return Arrays.copyOf(z, z.length - 4);
    }

    /** Inflates one message with a fresh inflater: no context from earlier messages. */
    private static byte[] inflateAlone(byte[] z) throws Exception {
        Inflater i = new Inflater(true);
        i.setInput(concat(z, new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF}));
        byte[] out = new byte[4096];
        int n = i.inflate(out);
        i.end();
        return Arrays.copyOf(out, n);
    }

    @Test
    void withServerNoContextTakeoverEveryServerMessageInflatesOnItsOwn() throws Exception {
        try (WsRawClient c = connect("permessage-deflate; server_no_context_takeover; client_max_window_bits")) {
            assertThat(c.responseHead).contains("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover");
            for (int i = 0; i < 3; i++) {
                c.sendRaw(WsRawClient.frame(true, 4, 1, compress(SENTENCE)), true);
                WsRawClient.Frame echo = c.read();
                assertThat(echo.rsv()).as("RSV1: compressed").isEqualTo(4);
                assertThat(inflateAlone(echo.payload())).as("message %d", i).isEqualTo(SENTENCE);
            }
            c.sendClose(1000, "");
            assertThat(c.readUntilClose().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    void aCompressedControlFrameFailsTheConnectionWith1002() throws Exception {
        for (int opcode : new int[] {8, 9, 10}) {
            try (WsRawClient c = connect("permessage-deflate")) {
                c.sendRaw(WsRawClient.frame(true, 4, opcode, new byte[] {0x03, (byte) 0xE8}), true);
                assertThat(c.readUntilClose().closeCode()).as("opcode %d", opcode).isEqualTo(CloseCodes.PROTOCOL_ERROR);
                assertThat(c.awaitEof()).isTrue();
            }
        }
    }

    @Test
    void rsv1OnAContinuationFrameFailsTheConnectionWith1002() throws Exception {
        try (WsRawClient c = connect("permessage-deflate")) {
            byte[] z = compress(SENTENCE);
            c.sendRaw(concat(WsRawClient.frame(false, 4, 1, Arrays.copyOf(z, 4)),
                    WsRawClient.frame(true, 4, 0, Arrays.copyOfRange(z, 4, z.length))), true);
            assertThat(c.readUntilClose().closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
