package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Python's {@code websockets} library (Debian package python3-websockets) as a real client,
 * with permessage-deflate. Skipped when the package is not installed.
 */
class WebSocketPythonClientTest {
    private static final String SCRIPT = """
            import asyncio, sys, websockets
            async def main(port):
                async with websockets.connect("ws://127.0.0.1:%d/echo" % port, max_size=2**22) as ws:
                    print("EXT", ws.response_headers.get("Sec-WebSocket-Extensions"))
                    for i in range(50):
                        text = ("message %d " % i) * 200
                        await ws.send(text)
                        assert await ws.recv() == text, "text echo %d" % i
                    data = bytes(range(256)) * 4000
                    await ws.send(data)
                    assert await ws.recv() == data, "binary echo"
                    await ws.send(["frag", "mented"])
                    assert await ws.recv() == "fragmented", "fragmented echo"
                    pong = await ws.ping(b"are you there")
                    await asyncio.wait_for(pong, 5)
                    await ws.close(code=1000, reason="bye")
                    print("CLOSE", ws.close_code)
                print("OK")
            asyncio.run(main(int(sys.argv[1])))
            """;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(HttpServer.builder()
                .handler((rq, rs) -> rs.send("plain\n"))
                .webSocket("/echo", session -> {
                    for (WebSocketMessage m : session) {
                        session.send(m);
                    }
                })
                .configure(c -> c.host("127.0.0.1").port(0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A python3 that can import websockets, if any. */
    static Optional<String> python() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import websockets").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (Exception e) {
                // not this one
            }
        }
        return Optional.empty();
    }

    @Test
    void pythonWebsocketsEchoesWithCompressionPingAndCleanClose() throws Exception {
        Optional<String> python = python();
        assumeTrue(python.isPresent(), "python3-websockets is not installed (apt-get install -y python3-websockets);"
                + " skipping the Python client test");
        Process p = new ProcessBuilder(python.get(), "-c", SCRIPT, Integer.toString(server.port()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("EXT permessage-deflate").contains("CLOSE 1000").contains("OK");
        assertThat(p.exitValue()).as(output).isZero();
    }
}
