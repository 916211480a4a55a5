package io.gyre.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gyre.server.HttpServer;
import io.gyre.server.TestServer;
import io.gyre.server.WebSocketMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gyre on 127.0.0.1 behind nginx configured as docs/server.md recommends, exercised with real
 * clients (curl, the JDK HttpClient, Python websockets): what the app sees of the client, the
 * upstream keep-alive pool under load, streaming, WebSocket and request bodies.
 */
class NginxReverseProxyTest {
    /** An app that answers what it sees of the client: address, scheme and Host. */
    private static HttpServer.Builder who() {
        return HttpServer.builder().handler((rq, rs) -> rs.send(rq.remoteAddress().getAddress().getHostAddress() + " "
                + rq.scheme() + " " + rq.headers().first("Host").orElse("-")));
    }

    @BeforeAll
    static void nginxIsInstalled() {
        assumeTrue(Files.isExecutable(Nginx.BINARY), "nginx is not installed (Debian package nginx-light)");
        assumeTrue(Files.isExecutable(java.nio.file.Path.of("/usr/bin/curl")), "curl is not installed");
    }

    @Test
    void theAppSeesTheAddressNginxSawNotOneTheClientSent() throws Exception {
        try (TestServer gyre = TestServer.start(who().configure(c -> c.host("127.0.0.1").port(0)));
                Nginx nginx = Nginx.reverseProxy(gyre.port(), "4s", "")) {
            String url = "http://127.0.0.1:" + nginx.port + "/who";
            assertThat(curl("--interface", "127.0.0.2", url)).isEqualTo("127.0.0.2 http 127.0.0.1:" + nginx.port);
            assertThat(curl("--interface", "127.0.0.2", "-H", "X-Forwarded-For: 203.0.113.9, 127.0.0.1",
                    "-H", "X-Forwarded-Proto: https", url)).isEqualTo("127.0.0.2 http 127.0.0.1:" + nginx.port);
            // a client on a trusted address is a proxy by definition (Uvicorn 0.17 answers the same)
            assertThat(curl("-H", "X-Forwarded-For: 203.0.113.9", url)).isEqualTo("203.0.113.9 http 127.0.0.1:" + nginx.port);
            // a chain of trusted hops only: the first one (Uvicorn 0.17 reports no client at all)
            assertThat(curl(url)).isEqualTo("127.0.0.1 http 127.0.0.1:" + nginx.port);
            // not an address: the peer, nginx (Uvicorn 0.17 reports the text as the client)
            assertThat(curl("-H", "X-Forwarded-For: unknown", url)).isEqualTo("127.0.0.1 http 127.0.0.1:" + nginx.port);
        }
    }

    @Test
    void behindHttpsAndAPrefixTheAppSeesThePublicSchemeHostAndRootPathAndRedirectsThere() throws Exception {
        assumeTrue(Files.isExecutable(java.nio.file.Path.of("/usr/bin/openssl")), "openssl is not installed");
        HttpServer.Builder app = HttpServer.builder().handler((rq, rs) -> {
            String base = rq.scheme() + "://" + rq.headers().first("Host").orElse("-") + rq.rootPath();
            if (rq.path().equals("/dir")) {
                rs.status(307).header("Location", base + rq.path() + "/").send("");
            } else {
                rs.send(base + rq.path());
            }
        }).configure(c -> c.host("127.0.0.1").port(0).rootPath("/api"));
        try (TestServer gyre = TestServer.start(app); Nginx nginx = Nginx.reverseProxy(gyre.port(), "4s", "", "/api", true)) {
            String origin = "https://127.0.0.1:" + nginx.port;
            assertThat(curl("-k", origin + "/api/items")).isEqualTo(origin + "/api/items");
            assertThat(curl("-k", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", origin + "/api/dir"))
                    .isEqualTo("307 " + origin + "/api/dir/");
            assertThat(curl("-k", "-L", origin + "/api/dir")).isEqualTo(origin + "/api/dir/");
        }
    }

    @Test
    void withProxyHeadersOffTheAppSeesNginx() throws Exception {
        try (TestServer gyre = TestServer.start(who().configure(c -> c.host("127.0.0.1").port(0).proxyHeaders(false)));
                Nginx nginx = Nginx.reverseProxy(gyre.port(), "4s", "")) {
            assertThat(curl("--interface", "127.0.0.2", "-H", "X-Forwarded-Proto: https",
                    "http://127.0.0.1:" + nginx.port + "/who")).isEqualTo("127.0.0.1 http 127.0.0.1:" + nginx.port);
        }
    }

    @Test
    void theKeepAlivePoolServesThousandsOfRequestsWithoutErrorsAcrossIdleExpiry() throws Exception {
        Set<Integer> upstreamPorts = ConcurrentHashMap.newKeySet();
        HttpServer.Builder app = HttpServer.builder().handler((rq, rs) -> {
            upstreamPorts.add(rq.remoteAddress().getPort());
            rs.send(rq.method() + " " + rq.bodyBytes().length);
        }).configure(c -> c.host("127.0.0.1").port(0).proxyHeaders(false).keepAliveTimeout(Duration.ofMillis(600)));
        try (TestServer gyre = TestServer.start(app)) {
            List<String> failures = new ArrayList<>();
            AtomicInteger served = new AtomicInteger();
            // nginx keeps idle upstream connections shorter than Gyre does, as recommended
            try (Nginx nginx = Nginx.reverseProxy(gyre.port(), "300ms", "");
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                URI uri = URI.create("http://127.0.0.1:" + nginx.port + "/load");
                List<Thread> workers = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    workers.add(Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < 300; i++) {
                            boolean post = i % 2 == 0;
                            HttpRequest rq = post ? HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("x".repeat(i))).build()
                                    : HttpRequest.newBuilder(uri).GET().build();
                            try {
                                HttpResponse<String> r = client.send(rq, HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() != 200 || !r.body().equals((post ? "POST " + i : "GET 0"))) {
                                    synchronized (failures) {
                                        failures.add(r.statusCode() + " " + r.body());
                                    }
                                } else {
                                    served.incrementAndGet();
                                }
                            } catch (Exception e) {
                                synchronized (failures) {
                                    failures.add(e.toString());
                                }
                            }
                        }
                    }));
                }
                for (Thread t : workers) {
                    t.join(Duration.ofSeconds(120));
                }
                // idle gaps around both keep-alive timeouts, then non-idempotent requests nginx must not retry
                for (long gap : new long[] {350, 550, 650, 800}) {
                    Thread.sleep(gap); // the idle time is the scenario
                    for (int i = 0; i < 8; i++) {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                                .POST(HttpRequest.BodyPublishers.ofString("y")).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.add("after " + gap + " ms idle: " + r.statusCode());
                        }
                    }
                }
                assertThat(failures).as("failures through nginx; its log:\n%s", nginx.log()).isEmpty();
                assertThat(served.get()).isEqualTo(2400);
                assertThat(nginx.log()).doesNotContain("prematurely closed").doesNotContain("[error]");
                assertThat(upstreamPorts.size()).as("upstream connections for 2432 requests").isLessThan(200);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gyre.stats().connections() > 0) {
                assertThat(System.nanoTime()).as("Gyre's connections from nginx close once nginx stops: %s", gyre.stats())
                        .isLessThan(deadline);
                Thread.sleep(20); // polling: no event for a peer's close
            }
        }
    }

    @Test
    void serverSentEventsArriveAsSentAndTheHandlerSeesTheClientLeave() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch gone = new CountDownLatch(1);
        HttpServer.Builder app = HttpServer.builder().handler((rq, rs) -> {
            rs.header("Content-Type", "text/event-stream");
            OutputStream out = rs.body();
            try {
                out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                second.await();
                out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                for (int i = 0; i < 400; i++) {
                    Thread.sleep(25); // a heartbeat, as SSE servers send
                    out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (InterruptedException | java.io.IOException | io.gyre.server.ResponseAbortedException
                    | io.gyre.runtime.CancelledException e) {
                gone.countDown(); // the client left: the server cancels the handler or fails its writes
            }
        }).configure(c -> c.host("127.0.0.1").port(0));
        try (TestServer gyre = TestServer.start(app); Nginx nginx = Nginx.reverseProxy(gyre.port(), "4s", "proxy_buffering off;")) {
            Process curl = new ProcessBuilder("curl", "-sN", "http://127.0.0.1:" + nginx.port + "/events").start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(curl.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(in.readLine()).isEqualTo("data: one");
                second.countDown();
                assertThat(in.readLine()).isEmpty();
                assertThat(in.readLine()).isEqualTo("data: two");
            } finally {
                curl.destroy();
                curl.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(gone.await(10, TimeUnit.SECONDS)).as("the handler sees the client leave; nginx log %s", nginx.log()).isTrue();
        }
    }

    @Test
    void requestBodiesChunkedExpectContinueAndOverTheLimitPassThroughNginx() throws Exception {
        HttpServer.Builder app = HttpServer.builder().handler((rq, rs) -> rs.send(Integer.toString(rq.bodyBytes().length)))
                .configure(c -> c.host("127.0.0.1").port(0).maxBodyBytes(100_000));
        try (TestServer gyre = TestServer.start(app); Nginx nginx = Nginx.reverseProxy(gyre.port(), "4s", "")) {
            java.nio.file.Path file = Files.createTempFile("gyre-body", ".bin");
            try {
                Files.write(file, new byte[90_000]);
                String url = "http://127.0.0.1:" + nginx.port + "/upload";
                assertThat(curl("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + file, url)).isEqualTo("90000");
                assertThat(curl("-H", "Expect: 100-continue", "--data-binary", "@" + file, url)).isEqualTo("90000");
                Files.write(file, new byte[200_000]);
                assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "--data-binary", "@" + file, url)).isEqualTo("413");
                assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "Transfer-Encoding: chunked",
                        "--data-binary", "@" + file, url)).isEqualTo("413");
            } finally {
                Files.delete(file);
            }
        }
    }

    @Test
    void webSocketEchoCloseCodesAndShutdownPassThroughNginx() throws Exception {
        String python = "/usr/bin/python3";
        assumeTrue(run(python, "-c", "import websockets").equals(""), "python3-websockets is not installed");
        HttpServer.Builder app = HttpServer.builder().handler((rq, rs) -> rs.send("plain"))
                .webSocket("/echo", session -> {
                    for (WebSocketMessage m : session) {
                        if (m instanceof WebSocketMessage.Text t && t.text().equals("bye")) {
                            session.close(4003, "bye");
                            return;
                        }
                        session.send(m);
                    }
                }).configure(c -> c.host("127.0.0.1").port(0));
        String script = """
                import asyncio, sys, websockets
                async def main(port):
                    url = "ws://127.0.0.1:%s/echo" % port
                    async with websockets.connect(url) as ws:
                        await ws.send("hello"); print("echo", await ws.recv(), flush=True)
                        await ws.send("bye")
                        try:
                            await ws.recv()
                        except websockets.ConnectionClosed as e:
                            print("closed", e.code, e.reason, flush=True)
                    ws = await websockets.connect(url)
                    await ws.send("again"); print("echo", await ws.recv(), flush=True)
                    print("ready", flush=True)
                    try:
                        await asyncio.wait_for(ws.recv(), 30)
                    except websockets.ConnectionClosed as e:
                        print("closed", e.code, flush=True)
                asyncio.run(main(sys.argv[1]))
                """;
        try (TestServer gyre = TestServer.start(app); Nginx nginx = Nginx.reverseProxy(gyre.port(), "4s", "")) {
            Process p = new ProcessBuilder(python, "-c", script, Integer.toString(nginx.port)).redirectErrorStream(true).start();
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String l;
            while ((l = in.readLine()) != null) {
                lines.add(l);
                if (l.equals("ready")) {
                    gyre.stop();
                }
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(lines).as("nginx log %s", nginx.log())
                    .containsExactly("echo hello", "closed 4003 bye", "echo again", "ready", "closed 1001");
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s ends", List.of(cmd)).isTrue();
        return out;
    }

}
