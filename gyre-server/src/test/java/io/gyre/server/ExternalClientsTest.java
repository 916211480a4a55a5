package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Python's http.client and curl against the server, when they are installed. */
class ExternalClientsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start((rq, rs) -> {
            if (rq.method().equals("POST")) {
                try (InputStream in = rq.body(); OutputStream out = rs.body()) {
                    in.transferTo(out);
                }
            } else {
                rs.send("hi " + rq.path());
            }
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void pythonHttpClientReusesTheConnectionAndSendsChunkedBodies() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed");
        String script = """
                import http.client, sys
                c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]))
                for i in range(3):
                    c.request('GET', '/p%d' % i)
                    r = c.getresponse()
                    print(r.status, r.read().decode())
                c.request('POST', '/echo', body=iter([b'ab', b'cd']), encode_chunked=True,
                          headers={'Transfer-Encoding': 'chunked'})
                r = c.getresponse()
                print(r.status, r.read().decode())
                c.request('HEAD', '/h')
                r = c.getresponse()
                print(r.status, r.getheader('Content-Length'), repr(r.read()))
                """;
        String out = run(List.of("python3", "-c", script, Integer.toString(server.port())));
        assertThat(out.lines()).containsExactly("200 hi /p0", "200 hi /p1", "200 hi /p2", "200 abcd", "200 5 b''");
    }

    @Test
    void curlGetsAnswersAndUses100Continue() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        String base = "http://127.0.0.1:" + server.port();
        assertThat(run(List.of("curl", "-sS", base + "/c"))).isEqualTo("hi /c");
        String body = "x".repeat(2048);
        assertThat(run(List.of("curl", "-sS", "-H", "Expect: 100-continue", "--data-binary", body, base + "/echo")))
                .isEqualTo(body);
        assertThat(run(List.of("curl", "-sS", "--http1.0", base + "/old"))).isEqualTo("hi /old");
    }
}
