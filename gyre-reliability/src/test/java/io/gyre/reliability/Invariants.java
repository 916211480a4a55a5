package io.gyre.reliability;

import io.gyre.server.Handler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The promises checked for every hostile input: no 5xx (a server error; 501 and 505 are
 * protocol answers), no hang (the connection ends within the bound), no desync (the follow-up
 * request sent after the input is answered as itself, last, at most once; when it is not
 * answered, the server closed the connection).
 */
final class Invariants {
    static final String FOLLOW_UP_TARGET = "/__followup";
    static final byte[] FOLLOW_UP = ("GET " + FOLLOW_UP_TARGET + " HTTP/1.1\r\nHost: follow-up\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    /** Reads the whole body and echoes method, target and body size (x-method marks HEAD answers). */
    static final Handler ECHO = (rq, rs) -> {
        int n = rq.bodyBytes().length;
        rs.header("x-method", rq.method());
        rs.send("target=" + rq.target() + " method=" + rq.method() + " body=" + n);
    };

    private Invariants() {
    }

    static List<String> violations(Wire.Exchange x) {
        List<String> v = new ArrayList<>();
        if (!x.closed()) {
            v.add("hang: the connection was still open at the deadline");
        }
        for (Wire.Response r : x.responses()) {
            if (r.status() >= 500 && r.status() != 501 && r.status() != 505) {
                v.add("server error " + r.status() + ": " + r.body());
            }
        }
        if (!x.garbage().isEmpty()) {
            v.add("bytes that are not a response: " + abbreviate(x.garbage()));
        }
        List<Integer> followUps = new ArrayList<>();
        for (int i = 0; i < x.responses().size(); i++) {
            if (x.responses().get(i).body().startsWith("target=" + FOLLOW_UP_TARGET + " ")) {
                followUps.add(i);
            }
        }
        if (followUps.size() > 1) {
            v.add("desync: the follow-up was answered " + followUps.size() + " times");
        } else if (followUps.size() == 1) {
            int i = followUps.getFirst();
            Wire.Response r = x.responses().get(i);
            if (i != x.responses().size() - 1) {
                v.add("desync: responses after the follow-up's answer");
            }
            // an input that ends inside a method token merges with the follow-up's "GET"; an
            // incomplete body consumes its first bytes: both are the input's framing, not a desync
            if (r.status() != 200 || !r.body().matches("target=" + FOLLOW_UP_TARGET + " method=\\S*(GET|ET|T) body=0")) {
                v.add("desync: the follow-up was read as part of another message: " + r.status() + " " + r.body());
            }
        }
        // no answer to the follow-up: the server closed the connection instead (checked above)
        return v;
    }

    static String abbreviate(String s) {
        String t = s.replace("\r", "\\r").replace("\n", "\\n");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
