package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDK's java.net.http.WebSocket as a real client. */
class WebSocketJdkClientTest {
    private static TestServer server;
    private static final LinkedBlockingQueue<String> serverSaw = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain\n"))
                .webSocket("/echo", session -> {
                    try {
                        for (WebSocketMessage m : session) {
                            session.send(m);
                        }
                    } finally {
                        serverSaw.add("closed " + session.closeStatus().map(WebSocketClosedException::code).orElse(-1));
                    }
                })
                .webSocket("/bye", session -> session.close(4002, "see you"))
                .configure(c -> c.host("127.0.0.1").port(0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Collects whole messages and the close. */
    private static final class Collector implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            bin.writeBytes(b);
            if (last) {
                events.add(bin.toByteArray());
                bin.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            events.add("close " + code + " " + reason);
            return null;
        }

        Object next() throws InterruptedException {
            Object o = events.poll(10, TimeUnit.SECONDS);
            assertThat(o).as("an event from the server").isNotNull();
            return o;
        }
    }

    private static WebSocket open(String path, Collector c) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), c).join();
    }

    @Test
    void textAndBinaryMessagesAreEchoedAndAClientCloseEndsTheSession() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open("/echo", c);
        ws.sendText("hello gyre", true).join();
        assertThat(c.next()).isEqualTo("hello gyre");
        byte[] big = new byte[200_000];
        new java.util.Random(1).nextBytes(big);
        ws.sendBinary(ByteBuffer.wrap(big), true).join();
        assertThat((byte[]) c.next()).isEqualTo(big);
        ws.sendText("frag", false).join();
        ws.sendText("mented", true).join();
        assertThat(c.next()).isEqualTo("fragmented");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        assertThat(c.next()).isEqualTo("close 1000 done");
        assertThat(serverSaw.poll(10, TimeUnit.SECONDS)).isEqualTo("closed 1000");
    }

    @Test
    void serverCloseReachesTheClientWithItsCode() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open("/bye", c);
        assertThat(c.next()).isEqualTo("close 4002 see you");
        assertThat(ws.isInputClosed()).isTrue();
    }
}
