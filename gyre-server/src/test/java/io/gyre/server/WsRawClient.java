package io.gyre.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** A frame-level WebSocket client on a raw socket: sends exactly the frames a test scripts. */
final class WsRawClient implements AutoCloseable {
    /** A frame from the server. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final String responseHead;

    /** The server side most raw-socket tests talk to: every message echoed back. */
    static final WebSocketHandler ECHO = session -> {
        for (WebSocketMessage m : session) {
            session.send(m);
        }
    };

    /** Connects and performs the handshake, which must be answered with 101. */
    static WsRawClient upgraded(int port, String path) throws IOException {
        WsRawClient c = new WsRawClient(port, path, "");
        if (!c.responseHead.startsWith("HTTP/1.1 101 ")) {
            throw new AssertionError("expected 101 for " + path + ", got: " + c.responseHead);
        }
        return c;
    }

    /** Connects and performs the handshake; {@code extraHeaders} are full lines with CRLF. */
    WsRawClient(int port, String path, String extraHeaders) throws IOException {
        this(port, path, extraHeaders, new byte[0]);
    }

    /**
     * Connects and sends the handshake request with {@code after} in the same write (bytes a
     * client sends without waiting for the 101), then reads the response head.
     */
    WsRawClient(int port, String path, String extraHeaders, byte[] after) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
                + extraHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(after);
        out.write(request.toByteArray()); // one write: the request and what follows arrive together
        out.flush();
        responseHead = readHead(in);
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    Socket socket() {
        return socket;
    }

    /** Sends raw bytes, optionally one at a time with a flush each (chopped frames). */
    WsRawClient sendRaw(byte[] bytes, boolean chopped) throws IOException {
        if (chopped) {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
            }
        } else {
            out.write(bytes);
            out.flush();
        }
        return this;
    }

    WsRawClient send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        return sendRaw(frame(fin, rsv, opcode, payload), false);
    }

    WsRawClient sendText(String s) throws IOException {
        return send(true, 0, 1, s.getBytes(StandardCharsets.UTF_8));
    }

    WsRawClient sendClose(int code, String reason) throws IOException {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return send(true, 0, 8, p);
    }

    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int len = payload.length;
        if (len < 126) {
            b.write(0x80 | len);
        } else if (len <= 0xFFFF) {
            b.write(0x80 | 126);
            b.write(len >> 8);
            b.write(len);
        } else {
            b.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                b.write((int) ((long) len >> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        b.writeBytes(mask);
        for (int i = 0; i < len; i++) {
            b.write(payload[i] ^ mask[i & 3]);
        }
        return b.toByteArray();
    }

    /** Reads one frame; fails if the server masked it. */
    Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) != 0) {
            throw new IOException("the server sent a masked frame");
        }
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] p = new byte[(int) len];
        in.readFully(p);
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, p);
    }

    /** Reads frames until a close frame, skipping pings. */
    Frame readUntilClose() throws IOException {
        while (true) {
            Frame f = read();
            if (f.opcode() == 8) {
                return f;
            }
        }
    }

    /** Whether the server closed the TCP connection (EOF) after the close handshake. */
    boolean awaitEof() throws IOException {
        return in.read() < 0;
    }

    /** Reads whatever the server sends until it closes the connection. */
    byte[] readToEof() throws IOException {
        return in.readAllBytes();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
