package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A child JVM serving slow requests gets SIGTERM. */
class SignalShutdownTest {
    private static final int REQUESTS = 20;

    /** The child process and its stdout lines. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new CopyOnWriteArrayList<>();
        final Thread reader;

        Child(long gracefulMillis) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                    System.getProperty("java.class.path"), ShutdownChild.class.getName(), Long.toString(gracefulMillis))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            reader = Thread.ofPlatform().daemon(true).start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        all.add(l);
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the child ended
                }
            });
        }

        String await(String prefix) throws InterruptedException {
            while (true) {
                String l = lines.poll(20, TimeUnit.SECONDS);
                assertThat(l).as("waiting for '" + prefix + "' from the child; saw " + all).isNotNull();
                if (l.startsWith(prefix)) {
                    return l;
                }
            }
        }

        /** Waits for the child to exit and its output to be read; returns the exit code. */
        int exit() throws InterruptedException {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the child exits without hanging").isTrue();
            reader.join(5000);
            return process.exitValue();
        }

        long count(String prefix) {
            return all.stream().filter(l -> l.startsWith(prefix)).count();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static List<CompletableFuture<HttpResponse<String>>> fire(HttpClient client, int port, long ms) {
        List<CompletableFuture<HttpResponse<String>>> out = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            out.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow?ms=" + ms
                    + "&i=" + i)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return out;
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void sigtermLetsInFlightRequestsFinishRefusesNewOnesAndExitsZero() throws Exception {
        try (Child child = new Child(20_000); HttpClient client = HttpClient.newHttpClient()) {
            int port = Integer.parseInt(child.await("PORT ").substring(5));
            List<CompletableFuture<HttpResponse<String>>> responses = fire(client, port, 2000);
            for (int i = 0; i < REQUESTS; i++) {
                child.await("STARTED");
            }
            child.process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean refused = false;
            while (!refused && System.nanoTime() < deadline) {
                refused = refused(port);
            }
            assertThat(refused).as("new connections are refused during the drain").isTrue();
            for (CompletableFuture<HttpResponse<String>> f : responses) {
                HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("done");
            }
            assertThat(child.exit()).isZero();
            assertThat(child.all).contains("SHUTDOWN-HOOK-RAN true");
        }
    }

    @Test
    void gracefulTimeoutCancelsHandlersAndTheExitCodeSaysSo() throws Exception {
        try (Child child = new Child(300); HttpClient client = HttpClient.newHttpClient()) {
            int port = Integer.parseInt(child.await("PORT ").substring(5));
            List<CompletableFuture<HttpResponse<String>>> responses = fire(client, port, 60_000);
            for (int i = 0; i < REQUESTS; i++) {
                child.await("STARTED");
            }
            child.process.toHandle().destroy();
            assertThat(child.exit()).isEqualTo(HttpServer.EXIT_GRACEFUL_TIMEOUT);
            assertThat(child.count("CANCELLED")).isEqualTo(REQUESTS);
            assertThat(child.all).contains("SHUTDOWN-HOOK-RAN true");
            for (CompletableFuture<HttpResponse<String>> f : responses) {
                assertThat(f.handle((r, e) -> e != null || r.statusCode() == 503).get(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
