package io.gyre.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP client on a Unix domain socket, for tests: sends the bytes given and reads responses
 * framed by Content-Length. Reads block without a timeout of their own: test classes using it carry
 * a JUnit {@code @Timeout}, whose interrupt closes the channel.
 */
final class UnixClient implements AutoCloseable {
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final SocketChannel channel;
    private final DataInputStream in;
    private final OutputStream out;

    UnixClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
        out = Channels.newOutputStream(channel);
    }

    UnixClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    UnixClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response with a Content-Length (or none, for 101). */
    Reply read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String l;
        while (!(l = line()).isEmpty()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads one unmasked WebSocket frame of up to 125 bytes; returns its opcode and payload as text. */
    String readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7F;
        byte[] payload = in.readNBytes(len);
        return (b0 & 0x0F) + ":" + new String(payload, StandardCharsets.UTF_8);
    }

    /** True if the server closed the connection with nothing more to read. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream sb = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = sb.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            sb.write(c);
        }
        return sb.size() == 0 ? null : sb.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
