package io.gyre.web.internal;

import io.gyre.server.Response;
import io.gyre.web.ResponseBody;
import io.gyre.web.ResponseCookie;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import java.io.IOException;
import java.io.OutputStream;

/** Sends a finished {@link WebResponse} through the server's {@link Response}. */
final class ResponseWriter {
    private ResponseWriter() {
    }

    static void write(WebRequest request, WebResponse web, Response response) throws Exception {
        if (web.body() instanceof Bodies.Mounted mounted) {
            response.addHeaders(web.headers());
            mounted.handler().handle(mounted.request(), response);
            return;
        }
        response.status(web.status());
        response.addHeaders(web.headers());
        for (ResponseCookie cookie : web.cookies()) {
            response.addHeader("Set-Cookie", cookie.headerValue());
        }
        ResponseBody body = web.body();
        switch (body) {
            case Bodies.BytesBody bytes -> {
                if (bytes.bytes().length > 0 || web.status() >= 200 && web.status() != 204 && web.status() != 304) {
                    response.send(bytes.bytes());
                }
            }
            case Bodies.FileBody file -> response.sendFile(file.path());
            case Bodies.SseBody sse -> {
                try (OutputStream out = response.body()) {
                    SseWriter.write(request, sse, out);
                }
            }
            default -> {
                if (body.length() >= 0) {
                    response.header("Content-Length", Long.toString(body.length()));
                }
                try (OutputStream out = response.body()) {
                    body.writeTo(out);
                }
            }
        }
    }
}
