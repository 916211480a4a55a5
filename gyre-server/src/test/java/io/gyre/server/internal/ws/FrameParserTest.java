package io.gyre.server.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameParserTest {
    private static final int LIMIT = 1024 * 1024;

    private static RecordingListener parse(byte[] bytes, boolean oneByte) {
        RecordingListener l = new RecordingListener();
        RecordingListener.feed(new FrameParser(LIMIT, null, l), bytes, oneByte);
        return l;
    }

    @ParameterizedTest(name = "one byte at a time: {0}")
    @ValueSource(booleans = {false, true})
    void textBinaryPingPongAndCloseAreParsedAtAnyByteBoundary(boolean oneByte) {
        byte[] in = ClientFrames.create().text("héllo").frame(true, 0, 2, new byte[] {1, 2, 3})
                .frame(true, 0, 9, "p".getBytes(StandardCharsets.UTF_8)).frame(true, 0, 10, new byte[0])
                .close(1000, "bye").bytes();
        assertThat(parse(in, oneByte).events).containsExactly("text:héllo", "binary:3", "ping:p", "pong:",
                "close:1000:bye");
    }

    @ParameterizedTest(name = "one byte at a time: {0}")
    @ValueSource(booleans = {false, true})
    void sixteenAndSixtyFourBitLengthsAreDecoded(boolean oneByte) {
        byte[] mid = new byte[300];
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 7);
        RecordingListener l = parse(ClientFrames.create().frame(true, 0, 2, mid).frame(true, 0, 2, big).bytes(), oneByte);
        assertThat(l.events).containsExactly("binary:300", "binary:70000");
        assertThat(l.binaries.get(1)).containsOnly(7);
    }

    @ParameterizedTest(name = "one byte at a time: {0}")
    @ValueSource(booleans = {false, true})
    void fragmentedTextWithInterleavedPingIsReassembled(boolean oneByte) {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // split the 3-byte sequence across fragments
        byte[] in = ClientFrames.create()
                .frame(false, 0, 1, new byte[] {'a', euro[0]})
                .frame(true, 0, 9, "x".getBytes(StandardCharsets.UTF_8))
                .frame(false, 0, 0, new byte[] {euro[1]})
                .frame(true, 0, 0, new byte[] {euro[2], 'b'})
                .bytes();
        assertThat(parse(in, oneByte).events).containsExactly("ping:x", "text:a€b");
    }

    @ParameterizedTest(name = "one byte at a time: {0}")
    @ValueSource(booleans = {false, true})
    void aPongOrACloseBetweenFragmentsIsDeliveredInOrder(boolean oneByte) {
        byte[] withPong = ClientFrames.create().frame(false, 0, 1, new byte[] {'a'})
                .frame(true, 0, 10, "p".getBytes(StandardCharsets.UTF_8)).frame(true, 0, 0, new byte[] {'b'}).bytes();
        assertThat(parse(withPong, oneByte).events).containsExactly("pong:p", "text:ab");
        byte[] withClose = ClientFrames.create().frame(false, 0, 1, new byte[] {'a'}).close(1000, "mid")
                .frame(true, 0, 0, new byte[] {'b'}).bytes();
        assertThat(parse(withClose, oneByte).events).as("the unfinished message is dropped").containsExactly("close:1000:mid");
    }

    @ParameterizedTest(name = "one byte at a time: {0}")
    @ValueSource(booleans = {false, true})
    void emptyCloseReports1005(boolean oneByte) {
        assertThat(parse(ClientFrames.create().frame(true, 0, 8, new byte[0]).bytes(), oneByte).events)
                .containsExactly("close:1005:");
    }

    @ParameterizedTest(name = "one byte at a time: {0}")
    @ValueSource(booleans = {false, true})
    void inputAfterCloseIsIgnored(boolean oneByte) {
        assertThat(parse(ClientFrames.create().close(1001, "").text("late").bytes(), oneByte).events)
                .containsExactly("close:1001:");
    }

    @ParameterizedTest(name = "one byte at a time: {0}")
    @ValueSource(booleans = {false, true})
    void aDeclaredFrameLengthDoesNotReserveMemoryBeforeThePayloadArrives(boolean oneByte) {
        // a 14-byte header announcing a message at the limit must not make the server hold the limit
        byte[] payload = new byte[LIMIT];
        Arrays.fill(payload, (byte) 5);
        byte[] all = ClientFrames.create().frame(true, 0, 2, payload).bytes();
        RecordingListener l = new RecordingListener();
        FrameParser p = new FrameParser(LIMIT, null, l);
        RecordingListener.feed(p, Arrays.copyOf(all, 14 + 10), oneByte);
        assertThat(p.bufferCapacity()).isLessThanOrEqualTo(64 * 1024);
        RecordingListener.feed(p, Arrays.copyOfRange(all, 14 + 10, all.length), false);
        assertThat(l.events).containsExactly("binary:" + LIMIT);
        assertThat(l.binaries.getFirst()).containsOnly(5);
    }

    @ParameterizedTest(name = "one byte at a time: {0}")
    @ValueSource(booleans = {false, true})
    void invalidUtf8FailsBeforeTheRestOfItsFrameArrives(boolean oneByte) {
        byte[] payload = new byte[100];
        Arrays.fill(payload, (byte) 'a');
        payload[5] = (byte) 0xF4; // U+110000 and above: never valid
        payload[6] = (byte) 0x90;
        byte[] frame = ClientFrames.create().frame(true, 0, 1, payload).bytes();
        FrameParser p = new FrameParser(LIMIT, null, new RecordingListener());
        assertThatThrownBy(() -> RecordingListener.feed(p, Arrays.copyOf(frame, 2 + 4 + 10), oneByte))
                .isInstanceOfSatisfying(WsProtocolException.class, e -> assertThat(e.code()).isEqualTo(1007));
    }

    static Stream<Arguments> violations() {
        byte[] bad = {(byte) 0xC3, 0x28};
        return Stream.of(
                Arguments.of("unmasked frame", ClientFrames.create().raw(true, 0, 1, false, 2, new byte[] {'h', 'i'}), 1002),
                Arguments.of("RSV1 without extension", ClientFrames.create().frame(true, 4, 1, new byte[] {'a'}), 1002),
                Arguments.of("RSV2", ClientFrames.create().frame(true, 2, 1, new byte[] {'a'}), 1002),
                Arguments.of("RSV3", ClientFrames.create().frame(true, 1, 2, new byte[] {'a'}), 1002),
                Arguments.of("reserved data opcode 3", ClientFrames.create().frame(true, 0, 3, new byte[0]), 1002),
                Arguments.of("reserved control opcode 11", ClientFrames.create().frame(true, 0, 11, new byte[0]), 1002),
                Arguments.of("ping over 125 bytes", ClientFrames.create().frame(true, 0, 9, new byte[126]), 1002),
                Arguments.of("fragmented ping", ClientFrames.create().frame(false, 0, 9, new byte[1]), 1002),
                Arguments.of("continuation without start", ClientFrames.create().frame(true, 0, 0, new byte[1]), 1002),
                Arguments.of("new message inside a fragmented one",
                        ClientFrames.create().frame(false, 0, 1, new byte[] {'a'}).frame(true, 0, 1, new byte[] {'b'}), 1002),
                Arguments.of("close with 1-byte payload", ClientFrames.create().frame(true, 0, 8, new byte[] {3}), 1002),
                Arguments.of("close code 1005 on the wire", ClientFrames.create().close(1005, ""), 1002),
                Arguments.of("close code 999", ClientFrames.create().close(999, ""), 1002),
                Arguments.of("close code 1016", ClientFrames.create().close(1016, ""), 1002),
                Arguments.of("close code 5000", ClientFrames.create().close(5000, ""), 1002),
                Arguments.of("close code 1004 (reserved)", ClientFrames.create().close(1004, ""), 1002),
                Arguments.of("close code 1006 on the wire", ClientFrames.create().close(1006, ""), 1002),
                Arguments.of("close code 1015 on the wire", ClientFrames.create().close(1015, ""), 1002),
                Arguments.of("close over 125 bytes", ClientFrames.create().close(1000, "r".repeat(124)), 1002),
                Arguments.of("fragmented close", ClientFrames.create().frame(false, 0, 8, new byte[] {0x03, (byte) 0xE8}),
                        1002),
                Arguments.of("pong over 125 bytes", ClientFrames.create().frame(true, 0, 10, new byte[126]), 1002),
                Arguments.of("reserved opcode inside a fragmented message",
                        ClientFrames.create().frame(false, 0, 1, new byte[] {'a'}).frame(true, 0, 3, new byte[0]), 1002),
                Arguments.of("64-bit length with top bit", ClientFrames.create().raw(true, 0, 2, true, Long.MIN_VALUE + 5,
                        new byte[0]), 1002),
                Arguments.of("invalid UTF-8 text", ClientFrames.create().frame(true, 0, 1, bad), 1007),
                Arguments.of("invalid UTF-8 in first fragment", ClientFrames.create().frame(false, 0, 1, bad), 1007),
                Arguments.of("invalid UTF-8 continuation in a later fragment", ClientFrames.create()
                        .frame(false, 0, 1, new byte[] {'a', (byte) 0xE2}).frame(true, 0, 0, new byte[] {0x28, 'b'}), 1007),
                Arguments.of("fragmented text ends inside a sequence", ClientFrames.create()
                        .frame(false, 0, 1, new byte[] {'a'}).frame(true, 0, 0, new byte[] {(byte) 0xE2, (byte) 0x82}), 1007),
                Arguments.of("text ends inside a sequence", ClientFrames.create().frame(true, 0, 1, new byte[] {(byte) 0xE2}),
                        1007),
                Arguments.of("surrogate in text", ClientFrames.create().frame(true, 0, 1,
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), 1007),
                Arguments.of("overlong encoding", ClientFrames.create().frame(true, 0, 1, new byte[] {(byte) 0xC0, (byte) 0xAF}),
                        1007),
                Arguments.of("close reason not UTF-8", ClientFrames.create().frame(true, 0, 8,
                        new byte[] {0x03, (byte) 0xE8, (byte) 0xFF}), 1007),
                Arguments.of("frame over the limit (header only)", ClientFrames.create().raw(true, 0, 2, true, LIMIT + 1L,
                        new byte[0]), 1009),
                Arguments.of("fragments over the limit", ClientFrames.create().frame(false, 0, 2, new byte[LIMIT / 2 + 1])
                        .frame(true, 0, 0, new byte[LIMIT / 2 + 1]), 1009));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("violations")
    void everyViolationFailsWithItsCloseCode(String name, ClientFrames frames, int code) {
        for (boolean oneByte : new boolean[] {false, true}) {
            RecordingListener l = new RecordingListener();
            FrameParser p = new FrameParser(LIMIT, null, l);
            assertThatThrownBy(() -> RecordingListener.feed(p, frames.bytes(), oneByte))
                    .as(name + (oneByte ? ", one byte at a time" : ""))
                    .isInstanceOfSatisfying(WsProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
            assertThat(l.events).as("no message is delivered").noneMatch(e -> e.startsWith("text") || e.startsWith("binary"));
        }
    }
}
