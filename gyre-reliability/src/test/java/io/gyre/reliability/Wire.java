package io.gyre.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw-socket client that writes exactly the bytes given (in the pieces given), then reads
 * until the server closes or a deadline passes, and parses what came back leniently.
 */
final class Wire {
    private Wire() {
    }

    /** One parsed response. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        boolean closes() {
            return header("connection").toLowerCase(Locale.ROOT).contains("close");
        }
    }

    /**
     * What one connection saw.
     *
     * @param responses the responses parsed, in order
     * @param closed the server closed the connection (EOF or reset) before the deadline
     * @param writeFailed writing our bytes failed (the server had closed already)
     * @param garbage bytes that did not parse as a response (empty when all parsed)
     */
    record Exchange(List<Response> responses, boolean closed, boolean writeFailed, String garbage) {
        Response last() {
            return responses.getLast();
        }
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    static Exchange exchange(int port, List<byte[]> pieces, Duration bound) throws IOException {
        try (Socket s = connect(port)) {
            long deadline = System.nanoTime() + bound.toNanos();
            boolean writeFailed = false;
            OutputStream out = s.getOutputStream();
            try {
                for (byte[] p : pieces) {
                    out.write(p);
                    out.flush();
                }
            } catch (IOException e) {
                writeFailed = true;
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            boolean closed = readUntilClosed(s, got, deadline);
            return parse(got.toByteArray(), closed, writeFailed);
        }
    }

    /** Reads into {@code got} until EOF or reset (true) or the deadline (false). */
    static boolean readUntilClosed(Socket s, ByteArrayOutputStream got, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[16384];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            s.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return true;
                }
                got.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset counts as closed
            }
        }
    }

    static Exchange parse(byte[] bytes, boolean closed, boolean writeFailed) {
        List<Response> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < bytes.length) {
            int start = pos[0];
            Response r = one(bytes, pos);
            if (r == null) {
                String rest = new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
                return new Exchange(out, closed, writeFailed, rest);
            }
            out.add(r);
        }
        return new Exchange(out, closed, writeFailed, "");
    }

    private static Response one(byte[] b, int[] pos) {
        String status = line(b, pos);
        if (status == null || !status.startsWith("HTTP/1.") || status.length() < 12) {
            return null;
        }
        int code;
        try {
            code = Integer.parseInt(status.substring(9, 12));
        } catch (NumberFormatException e) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String l;
        while ((l = line(b, pos)) != null && !l.isEmpty()) {
            int colon = l.indexOf(':');
            if (colon < 0) {
                return null;
            }
            headers.merge(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim(),
                    (x, y) -> x + ", " + y);
        }
        if (l == null) {
            return null;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean noBody = code / 100 == 1 || code == 204 || code == 304 || "HEAD".equals(headers.get("x-method"));
        if (!noBody) {
            if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
                while (true) {
                    String size = line(b, pos);
                    if (size == null) {
                        return null;
                    }
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        while ((l = line(b, pos)) != null && !l.isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    if (pos[0] + n > b.length) {
                        return null;
                    }
                    body.write(b, pos[0], n);
                    pos[0] += n;
                    line(b, pos);
                }
            } else if (headers.containsKey("content-length")) {
                int n = Integer.parseInt(headers.get("content-length"));
                if (pos[0] + n > b.length) {
                    return null;
                }
                body.write(b, pos[0], n);
                pos[0] += n;
            } else {
                body.write(b, pos[0], b.length - pos[0]);
                pos[0] = b.length;
            }
        }
        return new Response(code, headers, body.toString(StandardCharsets.ISO_8859_1));
    }

    private static String line(byte[] b, int[] pos) {
        for (int i = pos[0]; i < b.length; i++) {
            if (b[i] == '\n') {
                int end = i > pos[0] && b[i - 1] == '\r' ? i - 1 : i;
                String s = new String(b, pos[0], end - pos[0], StandardCharsets.ISO_8859_1);
                pos[0] = i + 1;
                return s;
            }
        }
        return null;
    }
}
