package io.gyre.web.internal;

import io.gyre.server.Headers;
import io.gyre.server.Request;
import io.gyre.server.Response;
import io.gyre.web.HttpException;
import io.gyre.web.WebResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Serves the files of a directory: the work behind {@link io.gyre.web.StaticFiles}.
 *
 * <p>Mounted in a {@link io.gyre.web.WebApp}, the app calls {@link #respond} and sends the answer
 * as it sends a route's, so middleware sees the real status and headers and a 404 goes through
 * the app's exception handlers. Used as a plain {@link io.gyre.server.Handler}, {@link #handle}
 * answers by itself.
 */
public final class StaticDirectory implements io.gyre.server.Handler {
    private static final Headers ALLOW = Headers.of("Allow", "GET, HEAD");

    /* Immutable: safe to share between requests and loops. */
    private final Path root;
    private final boolean html;
    private final boolean followSymlinks;

    /**
     * @param root an absolute, normalized directory path
     * @param html whether directories answer with their {@code index.html} and misses with {@code 404.html}
     * @param followSymlinks whether a symbolic link under the root may lead out of it
     */
    public StaticDirectory(Path root, boolean html, boolean followSymlinks) {
        this.root = root;
        this.html = html;
        this.followSymlinks = followSymlinks;
    }

    /**
     * Answers a request.
     *
     * @param method the request method
     * @param rest the path after the mount prefix, still percent-encoded: empty or starting with {@code /}
     * @param base the path the client used to reach the directory (root path and mount prefix), for redirects
     * @param rawQuery the query, kept on a redirect
     * @return a 200 file, a 404 page, or a redirect to the directory URL with its slash
     * @throws HttpException 405 for a method other than GET or HEAD, 404 for anything not served
     */
    public WebResponse respond(String method, String rest, String base, String rawQuery) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new HttpException(405, "Method Not Allowed", ALLOW);
        }
        Optional<List<String>> segments = segments(rest);
        if (segments.isEmpty()) {
            return notFound();
        }
        boolean slash = rest.endsWith("/");
        String relative = String.join("/", segments.get());
        Optional<FileUnderRoot.Accepted> named = relative.isEmpty()
                ? Optional.of(new FileUnderRoot.Accepted(root, root))
                : FileUnderRoot.resolve(root, relative, followSymlinks);
        BasicFileAttributes attributes = named.flatMap(n -> attributes(n.served())).orElse(null);
        if (attributes != null && attributes.isRegularFile() && !slash && Files.isReadable(named.get().served())) {
            return file(200, named.get());
        }
        if (attributes != null && attributes.isDirectory() && html) {
            Optional<FileUnderRoot.Accepted> index = readableFile(relative.isEmpty() ? "index.html" : relative + "/index.html");
            if (index.isPresent()) {
                if (!slash) {
                    String location = base + (rest.isEmpty() ? "/" : rest + "/");
                    return WebResponse.redirect(rawQuery.isEmpty() ? location : location + "?" + rawQuery, 307);
                }
                return file(200, index.get());
            }
        }
        return notFound();
    }

    /**
     * Splits and decodes the path; empty if a segment is refused: an empty segment (but a
     * trailing slash), {@code .} or {@code ..}, or one that decodes to a {@code /}, {@code \},
     * NUL or an invalid UTF-8 sequence.
     */
    static Optional<List<String>> segments(String rest) {
        List<String> out = new ArrayList<>();
        if (rest.isEmpty() || rest.equals("/")) {
            return Optional.of(out);
        }
        if (!rest.startsWith("/")) {
            return Optional.empty();
        }
        String[] raw = rest.substring(1).split("/", -1);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isEmpty() && i == raw.length - 1) {
                break; // the trailing slash of a directory URL
            }
            String segment = PercentCodec.decode(raw[i], false);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0
                    || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0
                    || (segment.indexOf('\uFFFD') >= 0 && raw[i].indexOf('\uFFFD') < 0)) {
                return Optional.empty();
            }
            out.add(segment);
        }
        return Optional.of(out);
    }

    private WebResponse notFound() {
        if (html) {
            Optional<FileUnderRoot.Accepted> page = readableFile("404.html");
            if (page.isPresent()) {
                return file(404, page.get());
            }
        }
        throw new HttpException(404);
    }

    private Optional<FileUnderRoot.Accepted> readableFile(String relative) {
        return FileUnderRoot.resolve(root, relative, followSymlinks)
                .filter(a -> attributes(a.served()).filter(BasicFileAttributes::isRegularFile).isPresent()
                        && Files.isReadable(a.served()));
    }

    private static Optional<BasicFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static WebResponse file(int status, FileUnderRoot.Accepted file) {
        return WebResponse.of(status).body(new Bodies.FileBody(file.served()), Bodies.contentType(file.named()));
    }

    @Override
    public void handle(Request request, Response response) throws IOException {
        WebResponse web;
        try {
            web = respond(request.method(), request.path(), request.rootPath(), request.rawQuery());
            if (web.body() instanceof Bodies.FileBody file) {
                web = FileResponses.resolve(request.headers(), web, file);
            }
        } catch (HttpException e) {
            response.status(e.status()).addHeaders(e.headers()).header("Content-Type", "text/plain; charset=utf-8");
            response.send(String.valueOf(e.detail()));
            return;
        }
        response.status(web.status());
        response.addHeaders(web.headers());
        switch (web.body()) {
            case Bodies.FileBody file -> response.sendFile(file.path());
            case Bodies.BytesBody bytes -> response.send(bytes.bytes());
            default -> {
                response.header("Content-Length", Long.toString(web.body().length()));
                try (OutputStream out = response.body()) {
                    web.body().writeTo(out);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "StaticFiles[" + root + (html ? ", html" : "") + (followSymlinks ? ", followSymlinks" : "") + "]";
    }
}
