package io.gyre.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.server.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete response seen by a test, with fluent checks that fail with the whole response in
 * the message.
 *
 * {@snippet :
 * client.post("/items").json(new Item("", -1)).send()
 *     .assertStatus(422)
 *     .assertJson("/detail/0/loc/1", "name");
 * }
 */
public final class TestResponse {
    private final int status;
    private final Headers headers;
    private final byte[] body;
    private final ObjectMapper mapper;

    TestResponse(int status, Headers headers, byte[] body, ObjectMapper mapper) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.mapper = mapper;
    }

    /**
     * Returns the status code.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * Returns the headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the name, matched ignoring case
     * @return the value, or empty
     */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /**
     * Returns the body bytes.
     *
     * @return a copy of the body
     */
    public byte[] bytes() {
        return body.clone();
    }

    /**
     * Returns the body decoded as UTF-8.
     *
     * @return the text
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Parses the body as JSON.
     *
     * @return the JSON tree
     * @throws AssertionError if the body is not JSON
     */
    public JsonNode json() {
        try {
            return mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("response body is not JSON: " + e.getMessage() + "\n" + this, e);
        }
    }

    /**
     * Parses the body as JSON into a type.
     *
     * @param <T> the type
     * @param type the type
     * @return the value
     * @throws AssertionError if the body does not map to the type
     */
    public <T> T json(Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (java.io.IOException e) {
            throw new AssertionError("response body is not a " + type.getSimpleName() + ": " + e.getMessage() + "\n" + this, e);
        }
    }

    /**
     * Checks the status.
     *
     * @param expected the expected status
     * @return this response
     * @throws AssertionError if it differs
     */
    public TestResponse assertStatus(int expected) {
        if (status != expected) {
            throw new AssertionError("expected status " + expected + " but was " + status + "\n" + this);
        }
        return this;
    }

    /**
     * Checks a header's first value.
     *
     * @param name the header name
     * @param expected the expected value
     * @return this response
     * @throws AssertionError if the header is missing or differs
     */
    public TestResponse assertHeader(String name, String expected) {
        Optional<String> actual = header(name);
        if (actual.isEmpty() || !actual.get().equals(expected)) {
            throw new AssertionError("expected header " + name + ": " + expected + " but was "
                    + actual.map(v -> "'" + v + "'").orElse("absent") + "\n" + this);
        }
        return this;
    }

    /**
     * Checks that a header is absent.
     *
     * @param name the header name
     * @return this response
     * @throws AssertionError if present
     */
    public TestResponse assertNoHeader(String name) {
        if (headers.contains(name)) {
            throw new AssertionError("expected no header " + name + "\n" + this);
        }
        return this;
    }

    /**
     * Checks the body text.
     *
     * @param expected the expected text
     * @return this response
     * @throws AssertionError if it differs
     */
    public TestResponse assertText(String expected) {
        if (!text().equals(expected)) {
            throw new AssertionError("expected body '" + expected + "'\n" + this);
        }
        return this;
    }

    /**
     * Checks a JSON value by JSON Pointer ({@code /detail/0/type}); the expected value is
     * compared with the node's text for strings and numbers, or as JSON for other values.
     *
     * @param pointer the JSON Pointer
     * @param expected the expected value: a String, Number, Boolean, or null for JSON null
     * @return this response
     * @throws AssertionError if the node is missing or differs
     */
    public TestResponse assertJson(String pointer, Object expected) {
        JsonNode node = json().at(pointer);
        if (node.isMissingNode()) {
            throw new AssertionError("no JSON value at " + pointer + "\n" + this);
        }
        boolean equal = expected == null ? node.isNull()
                : expected instanceof String text ? node.isTextual() && node.asText().equals(text)
                : expected instanceof Number number ? node.isNumber() && node.decimalValue().compareTo(
                        new java.math.BigDecimal(number.toString())) == 0
                : expected instanceof Boolean bool ? node.isBoolean() && node.asBoolean() == bool
                : Objects.equals(node, mapper.valueToTree(expected));
        if (!equal) {
            throw new AssertionError("expected " + expected + " at " + pointer + " but was " + node + "\n" + this);
        }
        return this;
    }

    /**
     * Returns the response as text: status, headers and (up to 2000 characters of) body.
     *
     * @return the readable response
     */
    @Override
    public String toString() {
        String text = text();
        if (text.length() > 2000) {
            text = text.substring(0, 2000) + "...";
        }
        return "HTTP " + status + " " + headers + "\n" + text;
    }
}
