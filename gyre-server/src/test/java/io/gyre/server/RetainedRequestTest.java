package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * A request kept by a handler after it returned still shows its own values after the connection
 * parsed later requests, whatever the server shares between requests to avoid garbage.
 */
class RetainedRequestTest {
    private static final int REQUESTS = 600;

    /** Request i: repeated targets and values (so shared strings are used) and distinct ones. */
    private static String request(int i) {
        String target = i % 3 == 0 ? "/plaintext" : "/items/" + i + "?n=" + i + "&tag=t" + (i % 7);
        return "GET " + target + " HTTP/1.1\r\n"
                + "Host: host" + (i % 2) + ".example\r\n"
                + "Accept: " + (i % 5 == 0 ? "text/html" : "application/json") + "\r\n"
                + "X-N: " + i + "\r\n"
                + "Cookie: s=" + (i % 4) + "\r\n"
                + "\r\n";
    }

    private static void check(Request request) {
        int i = Integer.parseInt(request.headers().first("X-N").orElseThrow());
        if (i % 3 == 0) {
            assertThat(request.target()).isEqualTo("/plaintext");
            assertThat(request.path()).isEqualTo("/plaintext");
            assertThat(request.rawQuery()).isEmpty();
            assertThat(request.queryParams()).isEmpty();
        } else {
            assertThat(request.target()).isEqualTo("/items/" + i + "?n=" + i + "&tag=t" + (i % 7));
            assertThat(request.path()).isEqualTo("/items/" + i);
            assertThat(request.rawQuery()).isEqualTo("n=" + i + "&tag=t" + (i % 7));
            assertThat(request.queryParams()).isEqualTo(Map.of("n", List.of("" + i), "tag", List.of("t" + (i % 7))));
        }
        assertThat(request.headers()).isEqualTo(Headers.of("Host", "host" + (i % 2) + ".example",
                "Accept", i % 5 == 0 ? "text/html" : "application/json", "X-N", "" + i, "Cookie", "s=" + (i % 4)));
        assertThat(request.method()).isEqualTo("GET");
    }

    private static void sendAll(int port) throws Exception {
        try (RawClient c = new RawClient(port)) {
            for (int i = 0; i < REQUESTS; i += 10) { // ten pipelined at a time, all on one connection
                StringBuilder batch = new StringBuilder();
                for (int k = i; k < i + 10; k++) {
                    batch.append(request(k));
                }
                c.send(batch.toString());
                for (int k = i; k < i + 10; k++) {
                    assertThat(c.read().status()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void requestsKeptByALoopSafeHandlerKeepTheirValues() throws Exception {
        ConcurrentLinkedQueue<Request> kept = new ConcurrentLinkedQueue<>();
        LoopSafeHandler handler = (rq, rs) -> {
            kept.add(rq);
            rs.send("ok");
        };
        serveAllAndCheck(handler, kept);
    }

    @Test
    void requestsKeptByATaskHandlerKeepTheirValues() throws Exception {
        ConcurrentLinkedQueue<Request> kept = new ConcurrentLinkedQueue<>();
        Handler handler = (rq, rs) -> {
            kept.add(rq);
            rs.send("ok");
        };
        serveAllAndCheck(handler, kept);
    }

    /** Sends every request through {@code handler}, then checks each request it kept. */
    private static void serveAllAndCheck(Handler handler, ConcurrentLinkedQueue<Request> kept) throws Exception {
        try (TestServer server = TestServer.start(handler)) {
            sendAll(server.port());
        }
        assertThat(kept).hasSize(REQUESTS);
        kept.forEach(RetainedRequestTest::check);
    }
}
