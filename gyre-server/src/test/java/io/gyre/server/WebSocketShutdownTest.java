package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM to a child JVM with 50 open WebSocket sessions. */
class WebSocketShutdownTest {
    private static final int SESSIONS = 50;
    private static final long GRACEFUL_MILLIS = 8000;

    @Test
    void sigtermSendsEveryClientTheConfiguredCloseCodeAndExitsCleanly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WebSocketShutdownChild.class.getName(), Long.toString(GRACEFUL_MILLIS))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<WsRawClient> clients = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line = out.readLine();
            assertThat(line).as("the child reports its port").startsWith("PORT ");
            int port = Integer.parseInt(line.substring(5).trim());
            List<String> later = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    String l;
                    while ((l = out.readLine()) != null) {
                        later.add(l);
                    }
                } catch (java.io.IOException ignored) {
                    // the child ended
                }
            });
            for (int i = 0; i < SESSIONS; i++) {
                WsRawClient c = new WsRawClient(port, "/ws", "");
                assertThat(c.responseHead).startsWith("HTTP/1.1 101 ");
                c.sendText("hi " + i);
                clients.add(c);
            }
            for (int i = 0; i < SESSIONS; i++) {
                assertThat(clients.get(i).read().text()).isEqualTo("hi " + i); // every session is running
            }
            long start = System.nanoTime();
            child.destroy(); // SIGTERM
            for (WsRawClient c : clients) {
                WsRawClient.Frame close = c.readUntilClose();
                assertThat(close.closeCode()).isEqualTo(CloseCodes.SERVICE_RESTART);
                c.sendClose(CloseCodes.SERVICE_RESTART, "");
                assertThat(c.awaitEof()).as("the server closes the connection after the handshake").isTrue();
            }
            assertThat(child.waitFor(GRACEFUL_MILLIS + 5000, TimeUnit.MILLISECONDS)).as("the child exits").isTrue();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(tookMillis).as("exit within the graceful timeout").isLessThan(GRACEFUL_MILLIS);
            assertThat(child.exitValue()).isZero();
            reader.join(5000);
            assertThat(later).as("nothing reported a failure").noneMatch(l -> l.startsWith("EXIT") && !l.equals("EXIT 0"));
        } finally {
            for (WsRawClient c : clients) {
                c.close();
            }
            child.destroyForcibly();
        }
    }
}
