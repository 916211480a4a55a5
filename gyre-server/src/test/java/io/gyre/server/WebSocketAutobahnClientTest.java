package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
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

    @Test
    void autobahnEchoesTextBinaryAndFragmentsWithCompressionAndClosesCleanly() throws Exception {
        Optional<String> python = PythonWebSocketClient.pythonWith("autobahn.asyncio");
        assumeTrue(python.isPresent(), "python3-autobahn is not installed (apt-get install -y python3-autobahn)");
        PythonWebSocketClient.Run run = PythonWebSocketClient.runAgainstEcho(python.get(), SCRIPT);
        assertThat(run.output()).contains("COMPRESSION PerMessageDeflate").contains("CLOSE True 1000 OK");
        assertThat(run.exit()).as(run.output()).isZero();
    }
}
