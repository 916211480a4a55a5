package io.gyre.web;

/**
 * How a security dependency reads credentials, for documentation (OpenAPI security schemes).
 *
 * @param id a stable identifier, such as {@code bearerAuth} or {@code apiKeyHeader_X-API-Key}
 * @param type {@code http} or {@code apiKey}
 * @param scheme for {@code http}: {@code bearer} or {@code basic}; empty otherwise
 * @param in for {@code apiKey}: {@code header}, {@code query} or {@code cookie}; empty otherwise
 * @param name for {@code apiKey}: the header, query or cookie name; empty otherwise
 */
public record SecurityScheme(String id, String type, String scheme, String in, String name) {
}
