package io.gyre.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives each request an id: the incoming {@code X-Request-ID} when it is well-formed, else a
 * new one. The id is put in the response header, in the request attribute
 * {@code request_id}, and in the SLF4J MDC under {@code request_id} for everything the
 * request runs, its cleanup and its background tasks included.
 */
public final class RequestId implements Middleware {
    /** The MDC key and request attribute name. */
    public static final String KEY = "request_id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final String header;

    private RequestId(String header) {
        this.header = header;
    }

    /**
     * Returns the middleware using {@code X-Request-ID}.
     *
     * @return the middleware
     */
    public static RequestId create() {
        return new RequestId("X-Request-ID");
    }

    /**
     * Returns the middleware using another header.
     *
     * @param header the header name
     * @return the middleware
     */
    public static RequestId header(String header) {
        return new RequestId(header);
    }

    @Override
    public WebResponse handle(WebRequest request, Next next) throws Exception {
        String id = request.header(header).filter(v -> VALID.matcher(v).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        request.attribute(KEY, id);
        // Left in the MDC until the app restores the caller's MDC after the request's cleanup,
        // so that the response writing, cleanup and background scheduling see it too.
        MDC.put(KEY, id);
        WebResponse response = next.proceed(request);
        return response.toBuilder().header(header, id).build();
    }
}
