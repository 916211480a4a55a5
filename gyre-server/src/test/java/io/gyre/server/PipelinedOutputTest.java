package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Responses of every size and origin (encoded on the loop, sent from a task, larger than the
 * connection's write buffer) leave in request order when requests are pipelined.
 */
class PipelinedOutputTest {
    static final String BIG = "b".repeat(40_000);
    static final String MID = "m".repeat(12_000);
    static TestServer loopSafe;
    static TestServer tasks;

    @BeforeAll
    static void start() {
        Handler app = (rq, rs) -> {
            switch (rq.path()) {
                case "/big" -> rs.send(BIG);
                case "/mid" -> rs.send(MID.getBytes(StandardCharsets.US_ASCII));
                case "/post" -> rs.send("got " + new String(rq.bodyBytes(), StandardCharsets.UTF_8));
                default -> rs.header("X-Path", rq.path()).send("hello " + rq.path());
            }
        };
        loopSafe = TestServer.start(Handler.loopSafe(app));
        tasks = TestServer.start(app);
    }

    @AfterAll
    static void stop() throws Exception {
        loopSafe.close();
        tasks.close();
    }

    @Test
    void loopSafeResponsesOfEverySizeLeaveInOrder() throws Exception {
        pipelineMixedRequests(loopSafe);
    }

    @Test
    void taskResponsesOfEverySizeLeaveInOrder() throws Exception {
        pipelineMixedRequests(tasks);
    }

    @Test
    void manySmallLoopSafeResponsesFillMoreThanOneWriteBuffer() throws Exception {
        try (RawClient c = new RawClient(loopSafe.port())) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                all.append("GET /").append("p".repeat(60)).append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            c.send(all.toString());
            for (int i = 0; i < 300; i++) {
                RawClient.Reply r = c.read();
                assertThat(r.body()).isEqualTo("hello /" + "p".repeat(60) + i);
            }
        }
    }

    private static void pipelineMixedRequests(TestServer server) throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /big HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody"
                    + "HEAD /c HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /mid HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /d HTTP/1.0\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("hello /a");
            assertThat(c.read().body()).isEqualTo(BIG);
            assertThat(c.read().body()).isEqualTo("hello /b");
            assertThat(c.read().body()).isEqualTo("got body");
            RawClient.Reply head = c.read(true);
            assertThat(head.header("Content-Length")).isEqualTo(String.valueOf("hello /c".length()));
            assertThat(head.header("X-Path")).isEqualTo("/c");
            assertThat(c.read().body()).isEqualTo(MID);
            RawClient.Reply last = c.read();
            assertThat(last.body()).isEqualTo("hello /d");
            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
