package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A handler that misuses its response: a body that disagrees with its declared length, framing
 * headers, statuses outside HTTP's range. The handler gets an error that says what to fix, and
 * the client never sees a response whose framing lies.
 */
class ResponseMisuseTest {
    static final Map<String, String> seen = new ConcurrentHashMap<>();
    static final List<String> refused = new CopyOnWriteArrayList<>();
    static LogRecords log;
    static TestServer server;
    static TestServer.Baseline idle;

    @BeforeAll
    static void start() {
        log = LogRecords.ofServer();
        server = TestServer.start((rq, rs) -> {
            try {
                handle(rq, rs);
            } catch (Exception e) {
                seen.put(rq.path(), e.getMessage());
                throw e;
            }
        });
        idle = server.awaitIdle();
    }

    private static void handle(Request rq, Response rs) throws Exception {
        switch (rq.path()) {
            case "/send-short" -> rs.header("Content-Length", "10").send("abc");
            case "/send-long" -> rs.header("Content-Length", "3").send("abcdefghij");
            case "/stream-short" -> {
                rs.header("Content-Length", "10");
                try (OutputStream out = rs.body()) {
                    out.write("abc".getBytes(StandardCharsets.US_ASCII));
                }
            }
            case "/stream-long" -> {
                rs.header("Content-Length", "3");
                try (OutputStream out = rs.body()) {
                    out.write("abcdefghij".getBytes(StandardCharsets.US_ASCII));
                }
            }
            case "/declared" -> rs.header("Content-Length", "5").send(new byte[0]);
            case "/declared-stream", "/declared-flushed" -> {
                // the handler declares the GET length and, knowing the answer has no body, writes nothing
                rs.status(rq.rawQuery().equals("304") ? 304 : 200).header("Content-Length", "5");
                try (OutputStream out = rs.body()) {
                    if (rq.path().equals("/declared-flushed")) {
                        out.flush();
                    }
                }
            }
            case "/framing" -> {
                refuse(() -> rs.header("Transfer-Encoding", "chunked"));
                refuse(() -> rs.header("Content-Length", "abc"));
                refuse(() -> rs.header("Content-Length", "-1"));
                rs.header("Content-Length", "2");
                refuse(() -> rs.addHeader("Content-Length", "2"));
                refuse(() -> rs.addHeaders(Headers.of("X-A", "a", "Content-Length", "3")));
                rs.send("ok");
            }
            case "/statuses" -> {
                for (int code : new int[] {0, 99, 103, 600, 1000}) {
                    refuse(() -> rs.status(code));
                }
                rs.status(599).send("ok");
            }
            case "/no-content-send" -> rs.status(204).send("surprise");
            case "/not-modified-stream" -> {
                rs.status(304);
                try (OutputStream out = rs.body()) {
                    out.write("stale".getBytes(StandardCharsets.US_ASCII));
                }
            }
            case "/no-content-file" -> rs.status(204).sendFile(Path.of("pom.xml"));
            case "/no-content-empty" -> rs.status(204).send(new byte[0]);
            case "/missing-file" -> rs.sendFile(Path.of("no-such-dir", "no-such-file.txt"));
            default -> rs.send("ok");
        }
    }

    private static void refuse(Runnable misuse) {
        try {
            misuse.run();
            refused.add("accepted");
        } catch (IllegalArgumentException e) {
            refused.add(e.getMessage());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        log.close();
    }

    @Test
    void aBodyOfAnotherLengthThanTheDeclaredOneIsRefusedBeforeTheHeadGoesOut() throws Exception {
        for (String path : List.of("/send-short", "/send-long", "/stream-short", "/stream-long")) {
            try (RawClient c = new RawClient(server.port())) {
                RawClient.Reply reply = c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(reply.status()).as(path).isEqualTo(500);
                assertThat(reply.body()).as(path).isEqualTo("Internal Server Error\n");
                assertThat(c.closedByServer()).as("the connection after the 500 to " + path).isTrue();
            }
            assertThat(seen.get(path)).as("what the handler of %s saw", path)
                    .contains("'GET " + path + " HTTP/1.1'").contains("declared Content-Length").contains("exactly");
        }
        server.awaitBaseline(idle, "bodies that disagree with their declared length");
    }

    @Test
    void aBodyUnderAStatusThatHasNoneIsRefusedInsteadOfDroppedQuietly() throws Exception {
        for (String path : List.of("/no-content-send", "/not-modified-stream", "/no-content-file")) {
            try (RawClient c = new RawClient(server.port())) {
                RawClient.Reply reply = c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
                // the refused write throws inside try-with-resources, whose close() then sends the empty 304
                assertThat(reply.status()).as(path).isEqualTo(path.contains("stream") ? 304 : 500);
            }
            assertThat(seen.get(path)).as("what the handler of %s saw", path)
                    .contains("'GET " + path + " HTTP/1.1'").contains("carries no body").contains("such as 200");
        }
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply empty = c.send("GET /no-content-empty HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertThat(empty.status()).as("a 204 with no bytes").isEqualTo(204);
            assertThat(c.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("ok");
        }
        server.awaitBaseline(idle, "bodies under 204 and 304");
    }

    @Test
    void aHeadAnswerKeepsTheLengthTheHandlerDeclaredForAnEmptySend() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply head = c.send("HEAD /declared HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).as("the length of the GET answer").isEqualTo("5");
            RawClient.Reply next = c.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(next.body()).as("the next answer on the same connection").isEqualTo("ok");
        }
        server.awaitBaseline(idle, "a HEAD with a declared length");
    }

    @Test
    void aStreamedAnswerWithoutBodyKeepsItsDeclaredLengthWhenNothingIsWritten() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            for (String path : List.of("/declared-stream", "/declared-flushed")) {
                RawClient.Reply head = c.send("HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
                assertThat(head.status()).as("HEAD " + path).isEqualTo(200);
                assertThat(head.header("content-length")).as("the length of the GET answer").isEqualTo("5");
                RawClient.Reply notModified = c.send("GET " + path + "?304 HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
                assertThat(notModified.status()).as("GET " + path + "?304").isEqualTo(304);
                assertThat(notModified.body()).isEmpty();
            }
            RawClient.Reply next = c.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(next.body()).as("the next answer on the same connection").isEqualTo("ok");
        }
        assertThat(seen).doesNotContainKeys("/declared-stream", "/declared-flushed");
        server.awaitBaseline(idle, "streamed answers without a body");
    }

    @Test
    void framingHeadersAndStatusesOutsideHttpAreRefusedAtTheSetterAndNeverSent() throws Exception {
        refused.clear();
        try (RawClient c = new RawClient(server.port())) {
            RawClient.Reply framing = c.send("GET /framing HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(framing.status()).isEqualTo(200);
            assertThat(framing.body()).isEqualTo("ok");
            assertThat(framing.headers()).containsEntry("content-length", "2").doesNotContainKey("transfer-encoding")
                    .doesNotContainKey("x-a");
            RawClient.Reply statuses = c.send("GET /statuses HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(statuses.status()).isEqualTo(599);
        }
        assertThat(refused).hasSize(10).doesNotContain("accepted");
        assertThat(refused.get(0)).contains("'Transfer-Encoding'", "'GET /framing HTTP/1.1'", "remove the header");
        assertThat(refused.get(1)).contains("'abc'", "digits only");
        assertThat(refused.get(2)).contains("'-1'", "digits only");
        assertThat(refused.get(3)).contains("already has Content-Length 2", "use header(...) to replace it");
        assertThat(refused.get(4)).contains("second Content-Length");
        assertThat(refused.subList(5, 10)).allSatisfy(m -> assertThat(m).contains("200..599"));
        assertThat(refused.get(5)).contains("cannot set status 0 ");
        assertThat(refused.get(7)).contains("status 103", "100 Continue");
        assertThat(refused.get(8)).contains("status 600", "100..599");
        server.awaitBaseline(idle, "refused framing headers and statuses");
    }

    @Test
    void aMissingFileIsNamedWithTheRequestAndTheFix() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.send("GET /missing-file HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(500);
        }
        assertThat(seen.get("/missing-file")).contains("no-such-file.txt", "'GET /missing-file HTTP/1.1'",
                "does not exist", "check the path");
        server.awaitBaseline(idle, "a missing file");
    }
}
