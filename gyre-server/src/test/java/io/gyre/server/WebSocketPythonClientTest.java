package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
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

    @Test
    void pythonWebsocketsEchoesWithCompressionPingAndCleanClose() throws Exception {
        Optional<String> python = PythonWebSocketClient.pythonWith("websockets");
        assumeTrue(python.isPresent(), "python3-websockets is not installed (apt-get install -y python3-websockets);"
                + " skipping the Python client test");
        PythonWebSocketClient.Run run = PythonWebSocketClient.runAgainstEcho(python.get(), SCRIPT);
        assertThat(run.output()).contains("EXT permessage-deflate").contains("CLOSE 1000").contains("OK");
        assertThat(run.exit()).as(run.output()).isZero();
    }
}
