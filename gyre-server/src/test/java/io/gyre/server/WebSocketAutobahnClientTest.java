package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Autobahn's Python client (Debian package python3-autobahn, on asyncio) as a second real client:
 * text, binary and a fragmented message, with permessage-deflate offered, then a clean close.
 * Skipped when the package is not installed.
 */
class WebSocketAutobahnClientTest {
    private static final String SCRIPT = """
            import asyncio, sys
            from autobahn.asyncio.websocket import WebSocketClientProtocol, WebSocketClientFactory
            from autobahn.websocket.compress import PerMessageDeflateOffer, PerMessageDeflateResponse, \\
                PerMessageDeflateResponseAccept

            done = asyncio.get_event_loop_policy().get_event_loop().create_future()

            class Client(WebSocketClientProtocol):
                def onOpen(self):
                    self.got = []
                    self.sendMessage("hello autobahn".encode(), isBinary=False)
                    self.sendMessage(bytes(range(256)) * 64, isBinary=True)
                    self.beginMessage(isBinary=False)
                    self.sendMessageFrame(b"frag")
                    self.sendMessageFrame(b"mented")
                    self.endMessage()
                def onMessage(self, payload, isBinary):
                    self.got.append((payload, isBinary))
                    if len(self.got) == 3:
                        self.sendClose(1000, "bye")
                def onClose(self, wasClean, code, reason):
                    ok = (self.got[0] == (b"hello autobahn", False)
                          and self.got[1] == (bytes(range(256)) * 64, True)
                          and self.got[2] == (b"fragmented", False))
                    print("COMPRESSION", type(self.websocket_extensions_in_use[0]).__name__
                          if self.websocket_extensions_in_use else None)
                    print("CLOSE", wasClean, code, "OK" if ok else "MISMATCH %r" % (self.got,))
                    done.set_result(None)

            def accept(response):
                if isinstance(response, PerMessageDeflateResponse):
                    return PerMessageDeflateResponseAccept(response)

            port = int(sys.argv[1])
            factory = WebSocketClientFactory("ws://127.0.0.1:%d/echo" % port)
            factory.protocol = Client
            factory.setProtocolOptions(perMessageCompressionOffers=[PerMessageDeflateOffer()],
                                       perMessageCompressionAccept=accept)
            loop = asyncio.get_event_loop_policy().get_event_loop()
            loop.run_until_complete(loop.create_connection(factory, "127.0.0.1", port))
            loop.run_until_complete(asyncio.wait_for(done, 30))
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

    @Test
    void autobahnEchoesTextBinaryAndFragmentsWithCompressionAndClosesCleanly() throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import autobahn.asyncio").redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3-autobahn is not installed (apt-get install -y python3-autobahn)");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, Integer.toString(server.port()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).contains("COMPRESSION PerMessageDeflate").contains("CLOSE True 1000 OK");
        assertThat(p.exitValue()).as(output).isZero();
    }
}
