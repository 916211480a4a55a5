package io.gyre.server;

/**
 * WebSocket close codes (RFC 6455 section 7.4 and the IANA registry) and the rules for which of
 * them may appear in a close frame.
 */
public final class CloseCodes {
    /** 1000: the purpose of the connection was fulfilled. */
    public static final int NORMAL = 1000;
    /** 1001: the server is going away (shutdown) or the browser left the page. */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a data type the endpoint cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: reported when a close frame carried no code; never sent. */
    public static final int NO_STATUS = 1005;
    /** 1006: reported when the connection ended without a close frame; never sent. */
    public static final int ABNORMAL = 1006;
    /** 1007: a text message was not valid UTF-8 (or a compressed message was corrupt). */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a message violated the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a message was larger than the endpoint accepts. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client needed an extension the server did not negotiate. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server hit an unexpected condition (also: a keepalive ping got no pong). */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: the service is restarting; clients may reconnect. */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: try again later (overload). */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }

    /**
     * Tells whether {@code code} may appear in a close frame on the wire: 1000-1003, 1007-1014
     * and 3000-4999.
     *
     * @param code a close code
     * @return {@code true} if a close frame may carry it
     */
    public static boolean isValid(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }
}
