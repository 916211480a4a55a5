package io.gyre.server.internal.http;

import java.nio.charset.StandardCharsets;

/** Shared String instances for the common request methods (methods are case-sensitive). */
final class Methods {
    private Methods() {}

    static String of(byte[] a, int from, int to) {
        switch (to - from) {
            case 3 -> {
                if (is(a, from, "GET")) {
                    return "GET";
                }
                if (is(a, from, "PUT")) {
                    return "PUT";
                }
            }
            case 4 -> {
                if (is(a, from, "POST")) {
                    return "POST";
                }
                if (is(a, from, "HEAD")) {
                    return "HEAD";
                }
            }
            case 5 -> {
                if (is(a, from, "PATCH")) {
                    return "PATCH";
                }
                if (is(a, from, "TRACE")) {
                    return "TRACE";
                }
            }
            case 6 -> {
                if (is(a, from, "DELETE")) {
                    return "DELETE";
                }
            }
            case 7 -> {
                if (is(a, from, "OPTIONS")) {
                    return "OPTIONS";
                }
                if (is(a, from, "CONNECT")) {
                    return "CONNECT";
                }
            }
            default -> { }
        }
        return new String(a, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean is(byte[] a, int from, String method) {
        for (int i = 0; i < method.length(); i++) {
            if (a[from + i] != method.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
