package io.gyre.server.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class PerMessageDeflateTest {
    private static final byte[] SENTENCE = "the quick brown fox jumps over the lazy dog, again and again and again"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void compressedFramesRoundTripWhenFedOneByteAtATime() {
        MessageDeflater deflater = new MessageDeflater(false);
        MessageInflater inflater = new MessageInflater(false);
        RecordingListener l = new RecordingListener();
        FrameParser parser = new FrameParser(1 << 20, inflater, l);
        ClientFrames frames = ClientFrames.create();
        for (int i = 0; i < 3; i++) {
            frames.frame(true, 4, 1, deflater.compress(SENTENCE, 0, SENTENCE.length));
        }
        RecordingListener.feed(parser, frames.bytes(), true);
        assertThat(l.events).hasSize(3).allMatch(e -> e.equals("text:" + new String(SENTENCE, StandardCharsets.UTF_8)));
        deflater.close();
        inflater.close();
    }

    @Test
    void fragmentedCompressedMessageIsInflatedAcrossFrames() {
        MessageDeflater deflater = new MessageDeflater(false);
        byte[] z = deflater.compress(SENTENCE, 0, SENTENCE.length);
        int half = z.length / 2;
        RecordingListener l = new RecordingListener();
        FrameParser parser = new FrameParser(1 << 20, new MessageInflater(false), l);
        RecordingListener.feed(parser, ClientFrames.create().frame(false, 4, 2, Arrays.copyOf(z, half))
                .frame(true, 0, 0, Arrays.copyOfRange(z, half, z.length)).bytes(), true);
        assertThat(l.binaries).singleElement().isEqualTo(SENTENCE);
    }

    @Test
    void contextTakeoverShrinksRepeatedMessagesAndNoTakeoverDoesNot() {
        MessageDeflater takeover = new MessageDeflater(false);
        int first = takeover.compress(SENTENCE, 0, SENTENCE.length).length;
        int second = takeover.compress(SENTENCE, 0, SENTENCE.length).length;
        assertThat(second).isLessThan(first / 2);

        MessageDeflater reset = new MessageDeflater(true);
        int a = reset.compress(SENTENCE, 0, SENTENCE.length).length;
        int b = reset.compress(SENTENCE, 0, SENTENCE.length).length;
        assertThat(b).isEqualTo(a);
        // a decoder without context decodes each reset message on its own
        RecordingListener l = new RecordingListener();
        FrameParser parser = new FrameParser(1 << 20, new MessageInflater(true), l);
        MessageDeflater again = new MessageDeflater(true);
        byte[] z = again.compress(SENTENCE, 0, SENTENCE.length);
        RecordingListener.feed(parser, ClientFrames.create().frame(true, 4, 2, z).frame(true, 4, 2, z).bytes(), false);
        assertThat(l.binaries).hasSize(2).allSatisfy(m -> assertThat(m).isEqualTo(SENTENCE));
    }

    @Test
    void decompressionBombFailsWith1009AtTheInflatedLimit() {
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] bomb = new MessageDeflater(true).compress(zeros, 0, zeros.length);
        assertThat(bomb.length).isLessThan(128 * 1024);
        FrameParser parser = new FrameParser(1024 * 1024, new MessageInflater(false), new RecordingListener());
        assertThatThrownBy(() -> RecordingListener.feed(parser, ClientFrames.create().frame(true, 4, 2, bomb).bytes(), false))
                .isInstanceOfSatisfying(WsProtocolException.class, e -> assertThat(e.code()).isEqualTo(1009));
    }

    @Test
    void corruptCompressedDataFailsWith1007() {
        FrameParser parser = new FrameParser(1 << 20, new MessageInflater(false), new RecordingListener());
        byte[] junk = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0x02};
        assertThatThrownBy(() -> RecordingListener.feed(parser, ClientFrames.create().frame(true, 4, 2, junk).bytes(), true))
                .isInstanceOfSatisfying(WsProtocolException.class, e -> assertThat(e.code()).isEqualTo(1007));
    }

    @Test
    void compressedControlFrameIsAProtocolError() {
        for (int opcode : new int[] {8, 9, 10}) {
            FrameParser parser = new FrameParser(1 << 20, new MessageInflater(false), new RecordingListener());
            byte[] payload = opcode == 8 ? new byte[] {0x03, (byte) 0xE8} : new byte[0];
            assertThatThrownBy(() -> RecordingListener.feed(parser, ClientFrames.create().frame(true, 4, opcode, payload)
                    .bytes(), true)).as("opcode %d", opcode)
                    .isInstanceOfSatisfying(WsProtocolException.class, e -> assertThat(e.code()).isEqualTo(1002));
        }
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() {
        byte[] z = new MessageDeflater(false).compress(SENTENCE, 0, SENTENCE.length);
        FrameParser parser = new FrameParser(1 << 20, new MessageInflater(false), new RecordingListener());
        byte[] frames = ClientFrames.create().frame(false, 4, 1, Arrays.copyOf(z, 4))
                .frame(true, 4, 0, Arrays.copyOfRange(z, 4, z.length)).bytes();
        assertThatThrownBy(() -> RecordingListener.feed(parser, frames, true))
                .isInstanceOfSatisfying(WsProtocolException.class, e -> assertThat(e.code()).isEqualTo(1002));
    }

    @Test
    void compressedTextThatInflatesToInvalidUtf8FailsWith1007() {
        byte[] bad = {'o', 'k', (byte) 0xC3, 0x28};
        byte[] z = new MessageDeflater(true).compress(bad, 0, bad.length);
        FrameParser parser = new FrameParser(1 << 20, new MessageInflater(false), new RecordingListener());
        assertThatThrownBy(() -> RecordingListener.feed(parser, ClientFrames.create().frame(true, 4, 1, z).bytes(), true))
                .isInstanceOfSatisfying(WsProtocolException.class, e -> assertThat(e.code()).isEqualTo(1007));
    }

    @Test
    void messagesEndingInAFinalDeflateBlockAreInflatedOneAfterAnother() {
        // RFC 7692 section 7.2.3.3: a sender may end a message with a BFINAL block instead of a sync flush
        Deflater d = new Deflater(6, true);
        d.setInput(SENTENCE);
        d.finish();
        byte[] buf = new byte[256];
        byte[] z = Arrays.copyOf(buf, d.deflate(buf));
        assertThat(d.finished()).isTrue();
        d.end();
        RecordingListener l = new RecordingListener();
        FrameParser parser = new FrameParser(1 << 20, new MessageInflater(false), l);
        RecordingListener.feed(parser, ClientFrames.create().frame(true, 4, 2, z).frame(false, 4, 2, Arrays.copyOf(z, 3))
                .frame(true, 0, 0, Arrays.copyOfRange(z, 3, z.length)).bytes(), true);
        assertThat(l.binaries).hasSize(2).allSatisfy(m -> assertThat(m).isEqualTo(SENTENCE));
    }
}
