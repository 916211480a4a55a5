package io.gyre.server;

/**
 * A snapshot of a server's counters.
 *
 * @param connections open connections now
 * @param activeRequests requests whose handler has not finished
 * @param requestsServed requests handled since start
 * @param bufferedRequestBytes request body bytes buffered in the server now (waiting for
 *     handlers to read them)
 * @param bufferedResponseBytes response bytes buffered in the server now (waiting for clients to
 *     read them)
 * @param peakBufferedRequestBytes the most request body bytes buffered at once since start
 * @param peakBufferedResponseBytes the most response bytes buffered at once since start
 */
public record ServerStatistics(int connections, int activeRequests, long requestsServed, long bufferedRequestBytes,
        long bufferedResponseBytes, long peakBufferedRequestBytes, long peakBufferedResponseBytes) {
}
