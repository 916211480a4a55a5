package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.runtime.Gyre;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A loop-safe handler sending some requests to a task with runsInline(request). */
class LoopSafeSlowPathTest {
    @Test
    void requestsTheHandlerDeclinesRunAsTasksAndMayBlock() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        LoopSafeHandler app = new LoopSafeHandler() {
            @Override
            public boolean runsInline(Request request) {
                asked.add(request.method() + " " + request.path());
                return !request.path().equals("/slow");
            }

            @Override
            public void handle(Request request, Response response) throws Exception {
                String where = Thread.currentThread().isVirtual() ? "task" : "loop";
                if (request.path().equals("/slow")) {
                    Gyre.sleep(Duration.ofMillis(20));
                    try (OutputStream out = response.body()) { // blocking stream: only allowed in a task
                        out.write(where.getBytes(StandardCharsets.US_ASCII));
                    }
                } else {
                    response.send(where);
                }
            }
        };
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            assertThat(c.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("loop");
            assertThat(c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("task");
            assertThat(c.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("loop");
            assertThat(asked).containsExactly("GET /fast", "GET /slow", "GET /fast");
        }
    }

    @Test
    void aLoopSafeLambdaRunsInlineByDefault() throws Exception {
        LoopSafeHandler app = (request, response) -> response.send(Thread.currentThread().isVirtual() ? "task" : "loop");
        try (TestServer server = TestServer.start(app); RawClient c = new RawClient(server.port())) {
            assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("loop");
        }
    }
}
