package io.gyre.server.internal.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings for byte ranges that come back request after request (the target, Host, Accept,
 * User-Agent...), so that parsing a repeated request allocates none of them again.
 *
 * <p>A fixed table of {@value #SLOTS} slots in pairs, the pair chosen by a hash of the bytes (two
 * values that collide can both stay). A slot holds one string with a copy of its bytes; a lookup
 * whose bytes equal them is a hit. A miss creates the string as it would without the cache, and
 * keeps it, in place of the pair's less recently used slot, only when the same bytes missed
 * recently (a value seen twice): a value seen once, such as a request id, costs its string and
 * nothing more, and does not push out what the table holds. So the table never grows, hostile input
 * (every value different, values sent twice, colliding hashes) costs at most the string it would
 * cost anyway plus one copy of its bytes, and nothing longer than {@value #MAX_LENGTH} bytes is
 * kept. Strings are immutable, so a string handed to one request stays valid whatever later
 * requests put in the table.
 *
 * <p>A target in origin-form is looked up once ({@link #target}): its slot also keeps the
 * target's path and query, so a repeated target costs one hash and one compare, not three.
 *
 * <p>One table per thread ({@link #forThisThread()}), used by the parsers running on it: on a
 * loop thread every connection of the loop shares it, with no synchronization. A slot holds an
 * immutable entry, so even two threads using one table by mistake could only miss, never get a
 * wrong string.
 */
final class StringCache {
    static final int SLOTS = 256;
    static final int MAX_LENGTH = 256;

    private static final ThreadLocal<StringCache> PER_THREAD = ThreadLocal.withInitial(StringCache::new);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    /**
     * A kept string, its ISO-8859-1 bytes and their hash; {@code target} is the string split as a
     * request-target once {@link #target} has returned it, null before (and for other values).
     */
    private record Entry(byte[] key, String string, int hash, RequestTarget target) {}

    /** Pair p is slots 2p and 2p + 1. */
    private final Entry[] entries = new Entry[SLOTS];
    /** Per pair, the slot (0 or 1) hit or filled last. */
    private final byte[] recent = new byte[SLOTS / 2];
    /**
     * Hashes of recent misses that were not kept, indexed by other bits of the hash than the pair,
     * so that two values competing for a pair do not also push each other out of here.
     */
    private final int[] candidates = new int[SLOTS];

    StringCache() {}

    /**
     * Returns the table of the calling thread.
     *
     * @return this thread's table
     */
    static StringCache forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Returns a string of the ISO-8859-1 bytes a[from, to): the table's if it holds one with these
     * bytes, else a new one.
     */
    String get(byte[] a, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return "";
        }
        if (length > MAX_LENGTH) {
            return new String(a, from, length, StandardCharsets.ISO_8859_1);
        }
        int hash = hash(a, from, to);
        int slot = find(a, from, to, hash);
        if (slot >= 0) {
            return entries[slot].string;
        }
        String s = new String(a, from, length, StandardCharsets.ISO_8859_1);
        admit(a, from, to, hash, s, null);
        return s;
    }

    /**
     * Returns the origin-form request-target a[from, to) (not empty) split at its first '?', which
     * is at {@code question} (-1 for none): the table's if it holds these bytes, else a new one.
     * One lookup when the table holds the target; on a miss the path and the query are looked up on
     * their own as well, so that a path sent with ever different queries is still shared.
     */
    RequestTarget target(byte[] a, int from, int to, int question) {
        int length = to - from;
        if (length > MAX_LENGTH) {
            return split(new String(a, from, length, StandardCharsets.ISO_8859_1), a, from, to, question);
        }
        int hash = hash(a, from, to);
        int slot = find(a, from, to, hash);
        if (slot < 0) {
            RequestTarget target = split(new String(a, from, length, StandardCharsets.ISO_8859_1), a, from, to, question);
            admit(a, from, to, hash, target.text(), target);
            return target;
        }
        Entry entry = entries[slot];
        if (entry.target != null) {
            return entry.target;
        }
        // Kept as another value (a Referer, say): split it once and keep the split with it, in its
        // slot unless the lookups of the parts replaced it there.
        RequestTarget target = split(entry.string, a, from, to, question);
        if (entries[slot] == entry) {
            entries[slot] = new Entry(entry.key, entry.string, hash, target);
        }
        return target;
    }

    private RequestTarget split(String text, byte[] a, int from, int to, int question) {
        if (question < 0) {
            return new RequestTarget(text, text, "");
        }
        return new RequestTarget(text, get(a, from, question), get(a, question + 1, to));
    }

    /** Returns the slot of the entry holding a[from, to), whose hash is {@code hash}, or -1. */
    private int find(byte[] a, int from, int to, int hash) {
        int pair = hash & (SLOTS / 2 - 1);
        for (int way = 0; way < 2; way++) {
            Entry entry = entries[2 * pair + way];
            if (entry != null && entry.hash == hash && Arrays.equals(entry.key, 0, entry.key.length, a, from, to)) {
                recent[pair] = (byte) way;
                return 2 * pair + way;
            }
        }
        return -1;
    }

    /** After a miss: keeps {@code s} (and {@code target}, null if none) if the same bytes missed recently. */
    private void admit(byte[] a, int from, int to, int hash, String s, RequestTarget target) {
        int candidate = (hash >>> 20) & (SLOTS - 1);
        if (candidates[candidate] != hash) {
            candidates[candidate] = hash;
            return;
        }
        int pair = hash & (SLOTS / 2 - 1);
        int slot = 2 * pair;
        int way = entries[slot] == null ? 0 : entries[slot + 1] == null ? 1 : 1 - recent[pair];
        entries[slot + way] = new Entry(Arrays.copyOfRange(a, from, to), s, hash, target);
        recent[pair] = (byte) way;
    }

    /** The number of strings held, for tests. */
    int size() {
        int n = 0;
        for (Entry e : entries) {
            if (e != null) {
                n++;
            }
        }
        return n;
    }

    /** Eight bytes per step; the last, partial word is read overlapping the one before it. */
    private static int hash(byte[] a, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i <= to - 8; i += 8) {
            h = (h ^ (long) LONGS.get(a, i)) * MIX;
        }
        if (i < to) {
            long word;
            if (to - from >= 8) {
                word = (long) LONGS.get(a, to - 8);
            } else {
                word = 0;
                for (int k = i; k < to; k++) {
                    word = word << 8 | (a[k] & 0xff);
                }
            }
            h = (h ^ word) * MIX;
        }
        return (int) (h ^ (h >>> 32));
    }
}
