package io.gyre.server.internal.http;

/**
 * A request-target as sent and its two parts, kept together so that a repeated target is one
 * lookup in the {@link StringCache} and one reference in its {@link RequestHead}.
 *
 * @param text the target as sent, e.g. {@code /a%20b?x=1}
 * @param path the raw (not percent-decoded) path; the same instance as {@code text} when the
 *     target has no {@code ?}
 * @param rawQuery the part after the first {@code ?}, "" when there is none or it is empty
 */
record RequestTarget(String text, String path, String rawQuery) {}
