package io.gyre.server.internal.ws;

import io.gyre.runtime.Loop;
import java.io.IOException;
import java.nio.ByteBuffer;

/** What a WebSocket session needs from the connection it took over. */
public interface WsTransport {
    /**
     * Returns the connection's loop.
     *
     * @return the loop
     */
    Loop loop();

    /**
     * Loop: queues one whole frame for the client.
     *
     * @param frame the frame
     * @throws IOException if the connection is closed
     */
    void write(ByteBuffer frame) throws IOException;

    /**
     * Task thread: blocks while the connection's outbound buffer is above its high watermark.
     *
     * @throws IOException if the connection closed
     */
    void awaitWritable() throws IOException;

    /**
     * Returns the connection's outbound high watermark.
     *
     * @return bytes
     */
    long highWatermark();

    /** Any thread: resume reading after the session asked to pause. */
    void resumeReading();

    /** Loop: flush what is queued, shut the output down, then close (server closes TCP first). */
    void closeAfterFlush();

    /**
     * Returns whether a connection that closes cancels the task of its session's handler (the
     * server's {@code cancelOnDisconnect}).
     *
     * @return whether to cancel
     */
    boolean cancelOnDisconnect();

    /** Loop: close the connection at once. */
    void abort();

    /**
     * Returns the client's address, for messages.
     *
     * @return the address
     */
    String peer();
}
