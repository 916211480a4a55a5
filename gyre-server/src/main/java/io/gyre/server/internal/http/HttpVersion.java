package io.gyre.server.internal.http;

/** The HTTP versions the server speaks. */
public enum HttpVersion {
    /** HTTP/1.0: no keep-alive unless asked for. */
    HTTP_1_0("HTTP/1.0"),
    /** HTTP/1.1. */
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /**
     * Returns the protocol as written on the wire.
     *
     * @return e.g. {@code HTTP/1.1}
     */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
