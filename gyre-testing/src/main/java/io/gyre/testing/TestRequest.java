package io.gyre.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.server.Headers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A request being built by a {@link TestClient} (sent to the app in process) or a
 * {@link LiveServer} (sent over a socket): headers, query parameters, cookies and one kind of
 * body (JSON, form fields and files, or raw bytes). Not thread-safe; send it once.
 *
 * {@snippet :
 * client.post("/upload").query("draft", "true")
 *     .form("title", "report")
 *     .file("file", "r.csv", "text/csv", bytes)
 *     .send().assertStatus(200);
 * }
 */
public final class TestRequest {
    private static final int MAX_REDIRECTS = 20;

    private final Transport transport;
    private final String method;
    private final ObjectMapper mapper;
    private final Headers.Builder headers = Headers.builder();
    private final StringBuilder target;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<String[]> fields = new ArrayList<>();
    private final List<FilePart> files = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean rawBody;
    private boolean followRedirects;

    private record FilePart(String name, String filename, String contentType, byte[] bytes) {
    }

    TestRequest(Transport transport, String method, String target) {
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("target must start with '/': " + target);
        }
        this.transport = transport;
        this.method = method;
        this.target = new StringBuilder(target);
        this.mapper = transport.mapper();
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
     * Adds a query parameter, percent-encoded, after those already in the target. Call it
     * again with the same name for a list ({@code ?tag=a&tag=b}).
     *
     * @param name the parameter's name
     * @param value its value
     * @return this request
     */
    public TestRequest query(String name, String value) {
        target.append(target.indexOf("?") < 0 ? '?' : '&').append(encode(name)).append('=').append(encode(value));
        return this;
    }

    /**
     * Sends a cookie with this request, together with the client's remembered cookies (this
     * value wins over a remembered one of the same name). A {@code Cookie} header set with
     * {@link #header(String, String)} is sent as it is instead.
     *
     * @param name the cookie's name
     * @param value the cookie's value
     * @return this request
     */
    public TestRequest cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    /**
     * Sets a JSON body serialized by the app's mapper.
     *
     * @param value the value
     * @return this request
     * @throws IllegalStateException if form fields or files were added
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
     * @throws IllegalStateException if form fields or files were added
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
     * @throws IllegalStateException if form fields or files were added
     */
    public TestRequest body(byte[] bytes, String contentType) {
        if (!fields.isEmpty() || !files.isEmpty()) {
            throw new IllegalStateException("TestRequest " + method + " " + target
                    + " already has form fields or files; a request has one body: use either body/json or form/file");
        }
        this.rawBody = true;
        return setBody(bytes.clone(), contentType);
    }

    private TestRequest setBody(byte[] bytes, String contentType) {
        body = bytes;
        headers.set("Content-Type", contentType);
        headers.set("Content-Length", Integer.toString(bytes.length));
        return this;
    }

    /**
     * Adds a form field. The body is {@code application/x-www-form-urlencoded}, or
     * {@code multipart/form-data} once a file is added too. Call it again with the same name
     * for a list.
     *
     * @param name the field's name
     * @param value its value
     * @return this request
     * @throws IllegalStateException if a body was set with body or json
     */
    public TestRequest form(String name, String value) {
        checkNoRawBody();
        fields.add(new String[] {name, value});
        return this;
    }

    /**
     * Adds a file: the body becomes {@code multipart/form-data} with the form fields and files.
     *
     * @param name the field's name, as bound by the handler's {@code UploadedFile} parameter
     * @param filename the file name the client reports
     * @param contentType the file's content type, such as {@code text/csv}
     * @param bytes the file's content
     * @return this request
     * @throws IllegalStateException if a body was set with body or json
     */
    public TestRequest file(String name, String filename, String contentType, byte[] bytes) {
        checkNoRawBody();
        files.add(new FilePart(name, filename, contentType, bytes.clone()));
        return this;
    }

    /**
     * Follows redirects (301, 302, 303, 307, 308) within the app, up to 20, and returns the
     * last response. 303, and 301/302 after a POST, continue with a GET without body; 307 and
     * 308 repeat the method and body. Without this call the redirect itself is returned.
     *
     * @return this request
     */
    public TestRequest followRedirects() {
        this.followRedirects = true;
        return this;
    }

    /**
     * Sends the request and waits for the whole response.
     *
     * @return the response
     * @throws AssertionError if a followed redirect leaves the app or loops
     * @throws RuntimeException a failure the app did not turn into a response
     */
    public TestResponse send() {
        finishBody();
        String scheme = transport.scheme();
        String current = target.toString();
        String currentMethod = method;
        byte[] currentBody = body;
        Headers currentHeaders = headers.build();
        String authority = currentHeaders.first("Host").orElse(transport.authority());
        for (int hop = 0; ; hop++) {
            TestResponse response = transport.send(new Transport.Exchange(currentMethod, scheme, current,
                    transport.withDefaults(currentHeaders, cookies), currentBody));
            int status = response.status();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!followRedirects || !redirect || response.header("Location").isEmpty()) {
                return response;
            }
            if (hop == MAX_REDIRECTS) {
                throw new AssertionError(transport.name() + ": " + method + " " + target + " was redirected more than "
                        + MAX_REDIRECTS + " times; the last response:\n" + response);
            }
            URI next = URI.create(scheme + "://" + authority + current).resolve(response.header("Location").get());
            if (!authority.equalsIgnoreCase(next.getRawAuthority())) {
                throw new AssertionError(transport.name() + ": " + currentMethod + " " + current + " redirects to "
                        + next + ", outside the app (served as " + authority + "); assert the redirect itself instead "
                        + "of following it:\n" + response);
            }
            scheme = next.getScheme();
            current = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
            if (status == 303 || (status != 307 && status != 308 && currentMethod.equals("POST"))) {
                currentMethod = "GET";
                currentBody = new byte[0];
                currentHeaders = currentHeaders.toBuilder().remove("Content-Type").remove("Content-Length").build();
            }
        }
    }

    /**
     * Sends the request and returns as soon as the response head is there, to read a streamed
     * body as it is written.
     *
     * @return the stream; close it to disconnect
     * @throws RuntimeException a failure the app did not turn into a response before its head
     */
    public TestStream stream() {
        finishBody();
        return transport.stream(new Transport.Exchange(method, transport.scheme(), target.toString(),
                transport.withDefaults(headers.build(), cookies), body));
    }

    private void checkNoRawBody() {
        if (rawBody) {
            throw new IllegalStateException("TestRequest " + method + " " + target
                    + " already has a body set with body or json; a request has one body: use either body/json or form/file");
        }
    }

    private void finishBody() {
        if (files.isEmpty() && fields.isEmpty()) {
            return;
        }
        if (files.isEmpty()) {
            StringBuilder form = new StringBuilder();
            for (String[] field : fields) {
                form.append(form.isEmpty() ? "" : "&").append(encode(field[0])).append('=').append(encode(field[1]));
            }
            setBody(form.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        } else {
            String boundary = "gyre-" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String[] field : fields) {
                out.writeBytes(partHead(boundary, field[0], ""));
                out.writeBytes((field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            for (FilePart file : files) {
                out.writeBytes(partHead(boundary, file.name(), "; filename=\"" + quote(file.filename())
                        + "\"\r\nContent-Type: " + file.contentType()));
                out.writeBytes(file.bytes());
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            setBody(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
        }
    }

    /** A multipart part's head: its boundary line and Content-Disposition, then {@code more} and a blank line. */
    private static byte[] partHead(String boundary, String name, String more) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name) + "\"" + more
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        return text.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A"); // as browsers write it
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
