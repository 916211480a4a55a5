package io.gyre.examples;

import io.gyre.runtime.Gyre;
import io.gyre.server.WebSocketMessage;
import io.gyre.server.WebSocketSession;
import io.gyre.web.Default;
import io.gyre.web.Get;
import io.gyre.web.Post;
import io.gyre.web.Routes;
import io.gyre.web.ServerSentEvent;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import io.gyre.web.WebSocketRoute;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The server demo's endpoints, as gyre-web routes. */
@Routes(tags = "demo")
public final class ShopBasics {
    /** Creates the routes. */
    public ShopBasics() {
    }

    /**
     * A greeting.
     *
     * @return the text
     */
    @Get(summary = "Greeting")
    public String hello() {
        return "Hello from Gyre. Try /items/1, POST /items, /slow?seconds=2, /stream, /events, POST /echo\n";
    }

    /**
     * Sleeps, then answers: a cancellation point (a graceful shutdown waits for it).
     *
     * @param seconds how long
     * @return {@code done}
     */
    @Get(value = "/slow", summary = "Sleep, then answer")
    public String slow(@Default("1") double seconds) {
        Gyre.sleep(Duration.ofMillis(Math.round(seconds * 1000)));
        return "done\n";
    }

    /**
     * A chunked response: one line every 100 ms for three seconds.
     *
     * @return the stream
     */
    @Get(value = "/stream", summary = "A chunked text stream")
    public WebResponse stream() {
        return WebResponse.stream("text/plain; charset=utf-8", out -> {
            for (int i = 1; i <= 30; i++) {
                out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Gyre.sleep(Duration.ofMillis(100));
            }
        });
    }

    /**
     * Server-Sent Events: a tick every half second, five in all.
     *
     * @return the event stream
     */
    @Get(value = "/events", summary = "Server-Sent Events")
    public WebResponse events() {
        return WebResponse.sse(sink -> {
            int start = sink.lastEventId().map(Integer::parseInt).orElse(0);
            for (int i = start + 1; i <= start + 5; i++) {
                sink.send(ServerSentEvent.of("tick " + i).withEvent("tick").withId(Integer.toString(i)));
                Gyre.sleep(Duration.ofMillis(500));
            }
        });
    }

    /**
     * Streams the request body back.
     *
     * @param request the request
     * @return the echo
     */
    @Post(value = "/echo", summary = "Echo the body")
    public WebResponse echo(WebRequest request) {
        String type = request.header("Content-Type").orElse("application/octet-stream");
        return WebResponse.stream(type, out -> {
            try (InputStream in = request.body()) {
                in.transferTo(out);
            }
        });
    }

    /**
     * A WebSocket echo: every message comes back, text prefixed with {@code echo: }.
     *
     * @param session the session
     */
    @WebSocketRoute("/ws")
    public void ws(WebSocketSession session) {
        for (WebSocketMessage message : session) {
            switch (message) {
                case WebSocketMessage.Text text -> session.send("echo: " + text.text());
                case WebSocketMessage.Binary binary -> session.send(binary.data());
            }
        }
    }
}
