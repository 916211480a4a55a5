package io.gyre.server.internal.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records parser events as short strings; feeds input whole or one byte at a time. */
final class RecordingListener implements FrameParser.Listener {
    final List<String> events = new ArrayList<>();
    final List<byte[]> binaries = new ArrayList<>();

    @Override
    public void onMessage(boolean text, byte[] payload) {
        if (text) {
            events.add("text:" + new String(payload, StandardCharsets.UTF_8));
        } else {
            binaries.add(payload);
            events.add("binary:" + payload.length);
        }
    }

    @Override
    public void onPing(byte[] payload) {
        events.add("ping:" + new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onPong(byte[] payload) {
        events.add("pong:" + new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onClose(int code, String reason) {
        events.add("close:" + code + ":" + reason);
    }

    static void feed(FrameParser parser, byte[] bytes, boolean oneByteAtATime) {
        if (oneByteAtATime) {
            for (byte b : bytes) {
                ByteBuffer one = ByteBuffer.wrap(new byte[] {b});
                while (one.hasRemaining()) {
                    parser.parse(one);
                }
            }
        } else {
            ByteBuffer all = ByteBuffer.wrap(bytes);
            while (all.hasRemaining()) {
                parser.parse(all);
            }
        }
    }
}
