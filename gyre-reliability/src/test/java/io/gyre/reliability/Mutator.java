package io.gyre.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Mutations of valid requests for the fuzz test: bit flips, truncation, duplication, splicing. */
final class Mutator {
    /** Bytes that matter to an HTTP/1.1 parser; inserted more often than random ones. */
    private static final byte[] SPECIAL = " \t\r\n:;,\"\0\u007f\u00ff-+0123456789abcdefABCDEF".getBytes(StandardCharsets.ISO_8859_1);

    private Mutator() {
    }

    static byte[] mutate(byte[] in, Random random) {
        byte[] b = in.clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds && b.length > 0; i++) {
            b = switch (random.nextInt(7)) {
                case 0 -> flipBit(b, random);
                case 1 -> Arrays.copyOf(b, random.nextInt(b.length)); // truncate
                case 2 -> duplicate(b, random);
                case 3 -> replaceByte(b, random);
                case 4 -> insert(b, random);
                case 5 -> delete(b, random);
                default -> swapLines(b, random);
            };
        }
        return b;
    }

    /** Cuts {@code b} into 1..12 random pieces. */
    static List<byte[]> split(byte[] b, Random random) {
        List<byte[]> out = new ArrayList<>();
        int cuts = random.nextInt(12);
        int[] at = random.ints(cuts, 0, Math.max(1, b.length)).sorted().toArray();
        int from = 0;
        for (int c : at) {
            if (c > from) {
                out.add(Arrays.copyOfRange(b, from, c));
                from = c;
            }
        }
        out.add(Arrays.copyOfRange(b, from, b.length));
        return out;
    }

    private static byte[] flipBit(byte[] b, Random r) {
        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        return b;
    }

    private static byte[] replaceByte(byte[] b, Random r) {
        b[r.nextInt(b.length)] = SPECIAL[r.nextInt(SPECIAL.length)];
        return b;
    }

    private static byte[] duplicate(byte[] b, Random r) {
        int from = r.nextInt(b.length);
        int len = 1 + r.nextInt(Math.min(64, b.length - from));
        return splice(b, from, from, Arrays.copyOfRange(b, from, from + len));
    }

    private static byte[] insert(byte[] b, Random r) {
        int at = r.nextInt(b.length + 1);
        byte[] ins = new byte[1 + r.nextInt(4)];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = r.nextBoolean() ? SPECIAL[r.nextInt(SPECIAL.length)] : (byte) r.nextInt(256);
        }
        return splice(b, at, at, ins);
    }

    private static byte[] delete(byte[] b, Random r) {
        int from = r.nextInt(b.length);
        return splice(b, from, Math.min(b.length, from + 1 + r.nextInt(8)), new byte[0]);
    }

    private static byte[] swapLines(byte[] b, Random r) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] lines = s.split("\r\n", -1);
        if (lines.length < 3) {
            return b;
        }
        int i = r.nextInt(lines.length - 1);
        int j = r.nextInt(lines.length - 1);
        String t = lines[i];
        lines[i] = lines[j];
        lines[j] = t;
        return String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + with.length);
        out.write(b, 0, from);
        out.write(with, 0, with.length);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }
}
