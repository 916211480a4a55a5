package io.gyre.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.server.Headers;
import java.nio.charset.StandardCharsets;

/**
 * A request being built by a {@link TestClient}. Not thread-safe; send it once.
 */
public final class TestRequest {
    private final TestClient client;
    private final String method;
    private final String target;
    private final ObjectMapper mapper;
    private final Headers.Builder headers = Headers.builder();
    private byte[] body = new byte[0];

    TestRequest(TestClient client, String method, String target, ObjectMapper mapper) {
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("target must start with '/': " + target);
        }
        this.client = client;
        this.method = method;
        this.target = target;
        this.mapper = mapper;
    }

    /**
     * Adds a header.
     *
     * @param name the name
     * @param value the value
     * @return this request
     */
    public TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /**
     * Sends a cookie (in addition to the client's remembered cookies, which are replaced).
     *
     * @param name the cookie's name
     * @param value the cookie's value
     * @return this request
     */
    public TestRequest cookie(String name, String value) {
        headers.add("Cookie", name + "=" + value);
        return this;
    }

    /**
     * Sets a JSON body serialized by the app's mapper.
     *
     * @param value the value
     * @return this request
     */
    public TestRequest json(Object value) {
        try {
            return body(mapper.writeValueAsBytes(value), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Sets a raw JSON text body, for example a malformed one.
     *
     * @param text the JSON text
     * @return this request
     */
    public TestRequest jsonText(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /**
     * Sets a body.
     *
     * @param bytes the body
     * @param contentType its content type
     * @return this request
     */
    public TestRequest body(byte[] bytes, String contentType) {
        this.body = bytes.clone();
        headers.set("Content-Type", contentType);
        headers.set("Content-Length", Integer.toString(bytes.length));
        return this;
    }

    /**
     * Sends the request and waits for the whole response.
     *
     * @return the response
     * @throws RuntimeException a failure the app did not turn into a response
     */
    public TestResponse send() {
        return client.finish(client.start(method, target, headers.build(), body));
    }

    /**
     * Sends the request and returns as soon as the response head is there, to read a streamed
     * body as it is written.
     *
     * @return the stream; close it to disconnect
     */
    public TestStream stream() {
        return client.stream(client.start(method, target, headers.build(), body));
    }
}
