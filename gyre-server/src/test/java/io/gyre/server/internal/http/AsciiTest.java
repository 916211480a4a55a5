package io.gyre.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AsciiTest {
    private static final byte[] INTERESTING = {'\n', '\r', '\t', ' ', 0, 0x1f, 0x20, 0x7e, 0x7f, (byte) 0x80, (byte) 0xff, 'a'};

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextInt(4) == 0 ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) (0x21 + random.nextInt(94));
        }
        return bytes;
    }

    @Test
    void wordAtATimeLfSearchAgreesWithAByteLoop() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = randomBytes(random, 1 + random.nextInt(40));
            int from = random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            int expected = from;
            while (expected < to && bytes[expected] != '\n') {
                expected++;
            }
            assertThat(Ascii.indexOfLf(bytes, from, to)).isEqualTo(expected);
        }
    }

    @Test
    void wordAtATimeFieldValueCheckAgreesWithAByteLoop() {
        Random random = new Random(11);
        int invalid = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = randomBytes(random, 1 + random.nextInt(40));
            if (random.nextBoolean()) {
                for (int i = 0; i < bytes.length; i++) {
                    if (!Ascii.isFieldValue(bytes[i]) && random.nextInt(8) != 0) {
                        bytes[i] = '\t';
                    }
                }
            }
            int from = random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            boolean expected = true;
            for (int i = from; i < to; i++) {
                expected &= Ascii.isFieldValue(bytes[i]);
            }
            invalid += expected ? 0 : 1;
            assertThat(Ascii.isFieldValue(bytes, from, to)).isEqualTo(expected);
        }
        assertThat(invalid).isBetween(2_000, 18_000);
    }
}
