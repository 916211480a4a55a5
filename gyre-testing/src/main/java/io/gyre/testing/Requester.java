package io.gyre.testing;

/**
 * Starts requests to an app under test: in process with a {@link TestClient}, or over a real
 * socket with a {@link LiveServer}. A test helper that takes a {@code Requester} runs against
 * either.
 *
 * {@snippet :
 * static void createsAnItem(Requester app) {
 *     app.post("/items").json(new Item("Cup", 3)).send().assertStatus(201);
 *     app.get("/items/Cup").send().assertStatus(200).assertJson("/count", 3);
 * }
 * }
 *
 * <p>Thread-safety: requests may be started and sent from several threads at once.
 */
public sealed interface Requester permits TestClient, LiveServer {
    /**
     * Starts a request with any method.
     *
     * @param method the method, such as {@code OPTIONS}
     * @param target the path and query
     * @return the request builder
     */
    TestRequest request(String method, String target);

    /**
     * Starts a GET request.
     *
     * @param target the path and query, such as {@code /items?limit=3}
     * @return the request builder
     */
    default TestRequest get(String target) {
        return request("GET", target);
    }

    /**
     * Starts a POST request.
     *
     * @param target the path and query
     * @return the request builder
     */
    default TestRequest post(String target) {
        return request("POST", target);
    }

    /**
     * Starts a PUT request.
     *
     * @param target the path and query
     * @return the request builder
     */
    default TestRequest put(String target) {
        return request("PUT", target);
    }

    /**
     * Starts a PATCH request.
     *
     * @param target the path and query
     * @return the request builder
     */
    default TestRequest patch(String target) {
        return request("PATCH", target);
    }

    /**
     * Starts a DELETE request.
     *
     * @param target the path and query
     * @return the request builder
     */
    default TestRequest delete(String target) {
        return request("DELETE", target);
    }
}
