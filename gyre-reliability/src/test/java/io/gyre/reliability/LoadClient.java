package io.gyre.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A keep-alive load client that records the outcome of every request: completed 2xx, non-2xx,
 * connection refused, closed before any response byte on a reused keep-alive connection (the
 * idle-close race a client retries), and failed in flight (reset, EOF or timeout after the
 * request was sent on a fresh connection, or after part of the response).
 */
final class LoadClient implements AutoCloseable {
    /** The counts. */
    record Totals(long ok, long non2xx, long refused, long idleClosed, long failedInFlight, long maxLatencyMillis,
            long firstRefusalNanos, List<String> samples) {
        long requests() {
            return ok + non2xx + failedInFlight;
        }

        @Override
        public String toString() {
            return "ok=" + ok + " non2xx=" + non2xx + " refused=" + refused + " idleClosed=" + idleClosed
                    + " failedInFlight=" + failedInFlight + " maxLatencyMs=" + maxLatencyMillis + " samples=" + samples;
        }
    }

    private final int port;
    private final String path;
    private final boolean stopOnRefused;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong non2xx = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong idleClosed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LongAccumulator maxLatency = new LongAccumulator(Math::max, 0);
    private final AtomicLong firstRefusal = new AtomicLong(Long.MAX_VALUE);
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    LoadClient(int port, int connections, String path, boolean stopOnRefused) {
        this.port = port;
        this.path = path;
        this.stopOnRefused = stopOnRefused;
        for (int i = 0; i < connections; i++) {
            workers.add(Thread.ofVirtual().name("load-" + i).start(this::work));
        }
    }

    private void sample(String what) {
        if (samples.size() < 10) {
            samples.add(what);
        }
    }

    private void work() {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: load\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Socket s = null;
        boolean reused = false;
        while (!stopped) {
            try {
                if (s == null) {
                    s = new Socket();
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(15_000);
                    try {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    } catch (ConnectException e) {
                        s.close();
                        s = null;
                        refused.incrementAndGet();
                        firstRefusal.accumulateAndGet(System.nanoTime(), Math::min);
                        if (stopOnRefused) {
                            return;
                        }
                        Thread.sleep(20); // the server is restarting: pause like a client backing off
                        continue;
                    }
                    reused = false;
                }
                long t0 = System.nanoTime();
                Outcome o = exchange(s, request);
                maxLatency.accumulate((System.nanoTime() - t0) / 1_000_000);
                switch (o) {
                    case OK_KEEP -> ok.incrementAndGet();
                    case OK_CLOSE -> ok.incrementAndGet();
                    case NON_2XX -> non2xx.incrementAndGet();
                    case NOTHING -> {
                        if (reused) {
                            idleClosed.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            sample("no response on a fresh connection");
                        }
                    }
                    case CUT -> {
                        failed.incrementAndGet();
                        sample("response cut");
                    }
                }
                if (o == Outcome.OK_KEEP) {
                    reused = true;
                } else {
                    s.close();
                    s = null;
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                sample(e.toString());
                close(s);
                s = null;
            } catch (InterruptedException e) {
                break;
            }
        }
        close(s);
    }

    private static void close(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private enum Outcome { OK_KEEP, OK_CLOSE, NON_2XX, NOTHING, CUT }

    private Outcome exchange(Socket s, byte[] request) throws IOException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            return Outcome.NOTHING;
        }
        String status;
        try {
            status = line(in);
        } catch (SocketTimeoutException e) {
            sample("timeout waiting for the status line");
            return Outcome.CUT;
        } catch (IOException e) {
            return Outcome.NOTHING;
        }
        if (status == null || status.isEmpty()) {
            return Outcome.NOTHING;
        }
        try {
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String l;
            while (!(l = line(in)).isEmpty()) {
                String h = l.toLowerCase(Locale.ROOT);
                if (h.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                } else if (h.startsWith("connection:") && h.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                while (true) {
                    int n = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                    if (n == 0) {
                        line(in);
                        break;
                    }
                    if (in.readNBytes(n + 2).length != n + 2) {
                        return Outcome.CUT;
                    }
                }
            } else if (length >= 0 && in.readNBytes((int) length).length != length) {
                return Outcome.CUT;
            }
            if (code / 100 != 2) {
                sample("status " + code);
                return Outcome.NON_2XX;
            }
            return close ? Outcome.OK_CLOSE : Outcome.OK_KEEP;
        } catch (IOException | RuntimeException e) {
            return Outcome.CUT;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        if (sb.isEmpty()) {
            return null;
        }
        throw new IOException("connection closed inside a line");
    }

    Totals totals() {
        return new Totals(ok.get(), non2xx.get(), refused.get(), idleClosed.get(), failed.get(), maxLatency.get(),
                firstRefusal.get(), List.copyOf(samples));
    }

    /** Stops the workers (each finishes its current request) and returns the totals. */
    Totals stop() throws InterruptedException {
        stopped = true;
        for (Thread t : workers) {
            t.join(30_000);
        }
        return totals();
    }

    /** Waits for workers that stop on their own (stopOnRefused) up to {@code millis}. */
    boolean awaitWorkers(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : workers) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
