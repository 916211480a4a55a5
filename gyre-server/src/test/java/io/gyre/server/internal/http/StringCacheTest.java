package io.gyre.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringCacheTest {
    private final StringCache cache = new StringCache();

    private String get(String text) {
        byte[] framed = ("[" + text + "]").getBytes(StandardCharsets.ISO_8859_1);
        return cache.get(framed, 1, framed.length - 1);
    }

    private RequestTarget target(String text) {
        byte[] framed = ("[" + text + "]").getBytes(StandardCharsets.ISO_8859_1);
        int question = text.indexOf('?');
        return cache.target(framed, 1, framed.length - 1, question < 0 ? -1 : 1 + question);
    }

    @Test
    void aValueSeenTwiceIsSharedFromTheThirdTimeOn() {
        String first = get("127.0.0.1:8080");
        String second = get("127.0.0.1:8080");
        String third = get("127.0.0.1:8080");
        assertThat(first).isEqualTo("127.0.0.1:8080").isNotSameAs(second);
        assertThat(third).isSameAs(second);
        assertThat(get("127.0.0.1:8080")).isSameAs(second);
    }

    @Test
    void aValueSeenOnceDoesNotPushOutAKeptOne() {
        get("text/html");
        String kept = get("text/html");
        for (int i = 0; i < 10 * StringCache.SLOTS; i++) {
            get("request-id-" + i);
        }
        assertThat(get("text/html")).isSameAs(kept);
    }

    @Test
    void manyDistinctValuesKeepTheTableBounded() {
        for (int i = 0; i < 20 * StringCache.SLOTS; i++) {
            String value = "/items/" + i;
            assertThat(get(value)).isEqualTo(value);
            assertThat(get(value)).isEqualTo(value); // twice: every one of them is kept for a while
        }
        assertThat(cache.size()).isLessThanOrEqualTo(StringCache.SLOTS);
    }

    @Test
    void valuesThatDifferOnlyInTheirLastBytesAreNotConfused() {
        String a = "/a-long-common-prefix-of-many-bytes/" + "x".repeat(13) + "1";
        String b = "/a-long-common-prefix-of-many-bytes/" + "x".repeat(13) + "2";
        for (int i = 0; i < 3; i++) {
            assertThat(get(a)).isEqualTo(a);
            assertThat(get(b)).isEqualTo(b);
        }
    }

    @Test
    void everyLengthAndByteComesBackUnchanged() {
        StringBuilder text = new StringBuilder();
        for (int length = 1; length <= 40; length++) {
            text.append((char) (0x20 + length * 5));
            for (int round = 0; round < 3; round++) {
                assertThat(get(text.toString())).isEqualTo(text.toString());
            }
        }
        String latin1 = "caf\u00e9 \u00ff\u0080";
        get(latin1);
        get(latin1);
        assertThat(get(latin1)).isEqualTo(latin1);
    }

    @Test
    void longValuesAreNeverKept() {
        String long1 = "v".repeat(StringCache.MAX_LENGTH + 1);
        String first = get(long1);
        String second = get(long1);
        assertThat(get(long1)).isEqualTo(long1).isNotSameAs(second).isNotSameAs(first);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTargetSeenTwiceIsOneSharedSplitFromTheThirdTimeOn() {
        RequestTarget first = target("/items?page=2");
        RequestTarget second = target("/items?page=2");
        RequestTarget third = target("/items?page=2");

        assertThat(first).isEqualTo(new RequestTarget("/items?page=2", "/items", "page=2")).isNotSameAs(second);
        assertThat(third).isSameAs(second);
        assertThat(target("/plaintext")).isEqualTo(new RequestTarget("/plaintext", "/plaintext", ""));
        target("/plaintext");
        RequestTarget plain = target("/plaintext");
        assertThat(plain.path()).isSameAs(plain.text());
        assertThat(target("/plaintext")).isSameAs(plain);
    }

    @Test
    void keptTargetsThatShareAPathKeepTheirOwnQueries() {
        String[] targets = {"/p?x=1", "/p?x=2", "/p?", "/p", "/p?x=1&y", "/p??"};
        String[][] parts = {{"/p", "x=1"}, {"/p", "x=2"}, {"/p", ""}, {"/p", ""}, {"/p", "x=1&y"}, {"/p", "?"}};
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < targets.length; i++) {
                RequestTarget target = target(targets[i]);
                assertThat(target).as("round %d: %s", round, targets[i])
                        .isEqualTo(new RequestTarget(targets[i], parts[i][0], parts[i][1]));
            }
        }
        assertThat(target("/p?x=1").path()).as("the path is kept once, for all its queries")
                .isSameAs(target("/p?x=2").path());
    }

    @Test
    void aTargetKeptAsAFieldValueIsSplitWhenLookedUpAsATarget() {
        get("/q?id=7");
        String kept = get("/q?id=7"); // kept now, e.g. as a Referer, without a split

        RequestTarget target = target("/q?id=7");

        assertThat(target).isEqualTo(new RequestTarget("/q?id=7", "/q", "id=7"));
        assertThat(target.text()).isSameAs(kept);
        assertThat(target("/q?id=7")).isSameAs(target);
        assertThat(get("/q?id=7")).isSameAs(kept);
    }

    @Test
    void longTargetsAreSplitButNeverKept() {
        String path = "/" + "p".repeat(StringCache.MAX_LENGTH);
        for (int i = 0; i < 3; i++) {
            assertThat(target(path + "?a=1")).isEqualTo(new RequestTarget(path + "?a=1", path, "a=1"));
            assertThat(target(path)).isEqualTo(new RequestTarget(path, path, ""));
        }
        assertThat(target(path + "?a=1")).isNotSameAs(target(path + "?a=1"));
        assertThat(cache.size()).as("only the query, a short value seen more than twice").isOne();
    }

    @Test
    void anEmptyRangeIsTheEmptyString() {
        assertThat(cache.get(new byte[4], 2, 2)).isEmpty();
    }
}
