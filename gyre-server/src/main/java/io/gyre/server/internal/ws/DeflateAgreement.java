package io.gyre.server.internal.ws;

import io.gyre.server.WebSocketConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The negotiated permessage-deflate parameters (RFC 7692 section 7.1), and the negotiation.
 *
 * <p>The server accepts the first acceptable offer, in the client's order, and only when the
 * client offers. An offer is declined when it has unknown or repeated parameters or invalid
 * values, and when it asks for {@code server_max_window_bits} below 15: the JDK's
 * {@link java.util.zip.Deflater} always compresses with a 32 KiB window, so the server cannot
 * promise a smaller one; an accepted {@code server_max_window_bits=15} is echoed, as section
 * 7.1.2.1 requires (clients such as Python's websockets fail the connection otherwise).
 * {@code client_max_window_bits} is accepted at any value (the {@link java.util.zip.Inflater}
 * reads windows up to 32 KiB) and not echoed.
 *
 * @param serverNoContextTakeover the server resets its compressor after each message
 * @param clientNoContextTakeover the client resets its compressor after each message (so the
 *     server resets its decompressor)
 * @param serverMaxWindowBits the client asked for {@code server_max_window_bits} (always 15
 *     when accepted), so the response must carry it
 */
public record DeflateAgreement(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
        boolean serverMaxWindowBits) {
    static final String NAME = "permessage-deflate";

    /**
     * Returns the Sec-WebSocket-Extensions response value.
     *
     * @return the header value
     */
    public String responseHeader() {
        return NAME + (serverNoContextTakeover ? "; server_no_context_takeover" : "")
                + (clientNoContextTakeover ? "; client_no_context_takeover" : "")
                + (serverMaxWindowBits ? "; server_max_window_bits=15" : "");
    }

    /** Picks the first acceptable permessage-deflate offer from the Sec-WebSocket-Extensions values. */
    static Optional<DeflateAgreement> negotiate(List<String> headerValues, WebSocketConfig config) {
        if (!config.compression()) {
            return Optional.empty();
        }
        for (String value : headerValues) {
            for (String offer : splitOutsideQuotes(value, ',')) {
                Optional<DeflateAgreement> a = accept(offer, config);
                if (a.isPresent()) {
                    return a;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<DeflateAgreement> accept(String offer, WebSocketConfig config) {
        List<String> parts = splitOutsideQuotes(offer, ';');
        if (parts.isEmpty() || !parts.getFirst().trim().equalsIgnoreCase(NAME)) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (String p : parts.subList(1, parts.size())) {
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String val = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
            if (name.isEmpty() || params.containsKey(name)) {
                return Optional.empty(); // repeated parameter: decline this offer
            }
            params.put(name, val);
        }
        boolean serverNoTakeover = !config.contextTakeover();
        boolean clientNoTakeover = !config.contextTakeover();
        boolean serverMaxWindowBits = false;
        for (Map.Entry<String, String> e : params.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "server_no_context_takeover" -> {
                    if (v != null) {
                        return Optional.empty();
                    }
                    serverNoTakeover = true;
                }
                case "client_no_context_takeover" -> {
                    if (v != null) {
                        return Optional.empty();
                    }
                    clientNoTakeover = true;
                }
                case "server_max_window_bits" -> {
                    if (windowBits(v) != 15) {
                        return Optional.empty(); // invalid, or a window the Deflater cannot honour
                    }
                    serverMaxWindowBits = true;
                }
                case "client_max_window_bits" -> {
                    if (v != null && windowBits(v) < 0) {
                        return Optional.empty();
                    }
                }
                default -> {
                    return Optional.empty(); // unknown parameter
                }
            }
        }
        return Optional.of(new DeflateAgreement(serverNoTakeover, clientNoTakeover, serverMaxWindowBits));
    }

    private static int windowBits(String v) {
        if (v == null || v.length() > 2 || v.isEmpty() || !v.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int bits = Integer.parseInt(v);
        return bits >= 8 && bits <= 15 ? bits : -1;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static List<String> splitOutsideQuotes(String s, char sep) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == sep && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        out.removeIf(p -> p.isBlank());
        return out;
    }
}
