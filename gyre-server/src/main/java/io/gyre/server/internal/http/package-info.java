/**
 * The HTTP/1.1 codec: pure code over ByteBuffers, no sockets.
 *
 * <p>{@link io.gyre.server.internal.http.RequestHeadParser} reads request heads and
 * {@link io.gyre.server.internal.http.BodyDecoder} reads bodies (Content-Length or chunked),
 * both incrementally from any split of the input and strictly against request smuggling;
 * every refusal is an {@link io.gyre.server.internal.http.HttpParseException} carrying the
 * status to answer before closing the connection. {@link io.gyre.server.internal.http.ResponseEncoder}
 * writes response heads and chunk framing; {@link io.gyre.server.internal.http.HttpDate}
 * caches the Date value per second.
 *
 * <p>Concurrency: a parser or decoder belongs to one connection and is touched only by that
 * connection's loop thread; it keeps no reference to the buffers it is given. HttpDate and the
 * static tables are thread-safe. Hot-path rules: scans run over byte arrays (direct buffers are
 * copied in slices first), word at a time where it pays; the only allocations per request are
 * the Strings and arrays the request itself needs.
 */
package io.gyre.server.internal.http;
