package io.gyre.server.internal.ws;

import io.gyre.server.Headers;
import io.gyre.server.WebSocketConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Validates an opening handshake request (RFC 6455 section 4.2.1) and builds the 101 answer. */
public final class Handshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** The handshake's verdict. */
    public sealed interface Outcome {
    }

    /**
     * The request is not an acceptable WebSocket handshake.
     *
     * @param status 400, or 426 for an unsupported version
     * @param reason what was wrong, for the response body
     * @param headers extra response headers (Sec-WebSocket-Version on 426)
     */
    public record Rejected(int status, String reason, Headers headers) implements Outcome {
    }

    /**
     * The request is valid.
     *
     * @param accept the Sec-WebSocket-Accept value
     * @param subprotocol the selected subprotocol
     * @param deflate the permessage-deflate agreement, when negotiated
     */
    public record Accepted(String accept, Optional<String> subprotocol, Optional<DeflateAgreement> deflate)
            implements Outcome {
        /**
         * Returns the headers of the 101 response.
         *
         * @return Upgrade, Connection and the Sec-WebSocket-* fields
         */
        public Headers responseHeaders() {
            Headers.Builder b = Headers.builder().add("Upgrade", "websocket").add("Connection", "Upgrade")
                    .add("Sec-WebSocket-Accept", accept);
            subprotocol.ifPresent(p -> b.add("Sec-WebSocket-Protocol", p));
            deflate.ifPresent(d -> b.add("Sec-WebSocket-Extensions", d.responseHeader()));
            return b.build();
        }
    }

    private Handshake() {
    }

    /**
     * Checks a handshake request.
     *
     * @param method the request method
     * @param http11 whether the request is HTTP/1.1
     * @param hasBody whether the request carries a body
     * @param headers the request headers
     * @param subprotocols the endpoint's subprotocols
     * @param config the endpoint's configuration (compression)
     * @return the verdict
     */
    public static Outcome check(String method, boolean http11, boolean hasBody, Headers headers,
            List<String> subprotocols, WebSocketConfig config) {
        if (!"GET".equals(method)) {
            return bad("a WebSocket handshake must use GET, not " + method);
        }
        if (!http11) {
            return bad("a WebSocket handshake needs HTTP/1.1");
        }
        if (hasBody) {
            return bad("a WebSocket handshake must not carry a body");
        }
        if (!headers.containsToken("Upgrade", "websocket")) {
            return bad("the Upgrade header must be 'websocket'");
        }
        if (!headers.containsToken("Connection", "upgrade")) {
            return bad("the Connection header must contain 'Upgrade'");
        }
        List<String> versions = headers.all("Sec-WebSocket-Version");
        if (versions.size() != 1 || !versions.getFirst().trim().equals("13")) {
            return new Rejected(426, "unsupported WebSocket version " + (versions.isEmpty() ? "(none)"
                    : String.join(", ", versions)) + "; this server speaks version 13",
                    Headers.of("Sec-WebSocket-Version", "13"));
        }
        List<String> keys = headers.all("Sec-WebSocket-Key");
        if (keys.size() != 1) {
            return bad(keys.isEmpty() ? "the Sec-WebSocket-Key header is missing"
                    : "the Sec-WebSocket-Key header appears more than once");
        }
        String key = keys.getFirst().trim();
        if (!isValidKey(key)) {
            return bad("Sec-WebSocket-Key must be 16 bytes in base64, got '" + key + "'");
        }
        return new Accepted(acceptKey(key), selectSubprotocol(headers.all("Sec-WebSocket-Protocol"), subprotocols),
                DeflateAgreement.negotiate(headers.all("Sec-WebSocket-Extensions"), config));
    }

    private static Rejected bad(String reason) {
        return new Rejected(400, reason, Headers.empty());
    }

    static boolean isValidKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Computes the Sec-WebSocket-Accept value: base64(SHA-1(key + GUID)), RFC 6455 section 4.2.2.
     *
     * @param key the client's Sec-WebSocket-Key
     * @return the accept value
     */
    public static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("internal error: the JDK has no SHA-1 (please report)", e);
        }
    }

    /**
     * Selects the first subprotocol the client offers (in its order) that the endpoint speaks;
     * {@link io.gyre.server.WebSocketEndpoint#selectSubprotocol(List)} makes it public.
     *
     * @param offered the values of the request's Sec-WebSocket-Protocol headers
     * @param supported the endpoint's subprotocols
     * @return the selected subprotocol
     */
    public static Optional<String> selectSubprotocol(List<String> offered, List<String> supported) {
        if (supported.isEmpty()) {
            return Optional.empty();
        }
        for (String value : offered) {
            for (String p : value.split(",")) {
                String name = p.trim();
                for (String s : supported) {
                    if (s.equals(name)) {
                        return Optional.of(s);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
