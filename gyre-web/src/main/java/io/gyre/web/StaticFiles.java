package io.gyre.web;

import io.gyre.server.Handler;
import io.gyre.server.Request;
import io.gyre.server.Response;
import io.gyre.web.internal.StaticDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the files of a directory under a mount prefix (Starlette's {@code StaticFiles}).
 *
 * {@snippet :
 * WebApp app = WebApp.builder("Shop", "1.0")
 *         .mount("/static", StaticFiles.directory(Path.of("static")))
 *         .mount("/app", StaticFiles.directory(Path.of("frontend/dist")).html(true))
 *         .build();
 * }
 *
 * <p>A {@code GET} or {@code HEAD} of {@code /static/css/site.css} answers with the file
 * {@code static/css/site.css}, as {@link WebResponse#file(Path)} does: {@code Content-Type} from
 * the extension (text types in UTF-8), {@code ETag} and {@code Last-Modified}, {@code 304} for a
 * matching {@code If-None-Match} or {@code If-Modified-Since}, {@code 206} or {@code 416} for a
 * {@code Range}, and the file streamed from disk, never read into memory whole. The query string
 * is ignored. Other methods answer {@code 405} with {@code Allow: GET, HEAD}.
 *
 * <p>Anything else answers {@code 404} through the app's exception handlers, and nothing more is
 * told: a missing file, a directory (unless {@link #html(boolean) html}), something that is not a
 * regular file (a FIFO or a device is never opened), a file the process cannot read, and any path
 * that is refused: a segment that is empty, {@code .} or {@code ..} (also percent-encoded), or that
 * decodes to {@code /}, {@code \}, NUL or invalid UTF-8; a file URL with a trailing slash; and a
 * symbolic link that leads out of the directory, unless {@link #followSymlinks(boolean)}.
 *
 * <p>Mounted in a {@link WebApp}, the answer passes through the app's middleware like a route's
 * (GZip compresses a whole file, never a byte range; CORS adds its headers); the mount is not
 * listed in the OpenAPI document. It is also a plain {@link Handler}, answering errors as text.
 * Instances are immutable and thread-safe; the options return changed copies.
 */
public final class StaticFiles implements Handler {
    private final StaticDirectory directory;
    private final Path root;
    private final boolean html;
    private final boolean followSymlinks;

    private StaticFiles(Path root, boolean html, boolean followSymlinks) {
        this.root = root;
        this.html = html;
        this.followSymlinks = followSymlinks;
        this.directory = new StaticDirectory(root, html, followSymlinks);
    }

    /**
     * Serves the files under a directory, which must exist when this is called (a relative path
     * resolves against the working directory). HTML mode and symbolic links leading out are off.
     *
     * @param directory the directory
     * @return the static files
     * @throws IllegalArgumentException if the directory does not exist or is not a directory
     */
    public static StaticFiles directory(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new IllegalArgumentException("StaticFiles directory '" + root + "' does not exist"
                    + (directory.isAbsolute() ? "" : " ('" + directory + "' resolved against the working directory '"
                            + Path.of("").toAbsolutePath() + "')")
                    + "; create it, or pass the path of the directory that holds the files");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("StaticFiles path '" + root + "' is not a directory"
                    + "; pass the directory that holds the files, or serve one file with WebResponse.file(Path)");
        }
        return new StaticFiles(root, false, false);
    }

    /**
     * Returns these static files in HTML mode, or not. In HTML mode a directory URL answers with
     * the directory's {@code index.html}; a directory URL without its trailing slash is redirected
     * ({@code 307}, a relative {@code Location} under the root path and mount prefix, query kept)
     * to the URL with the slash, so that the page's relative links resolve; and a request that
     * finds nothing answers with the top {@code 404.html} and status 404, when that file exists.
     * Off by default.
     *
     * @param enabled whether HTML mode is on
     * @return a copy with the option set
     */
    public StaticFiles html(boolean enabled) {
        return new StaticFiles(root, enabled, followSymlinks);
    }

    /**
     * Returns these static files with symbolic links followed wherever they lead, or not. Off by
     * default: a path that leads out of the directory once its links are resolved answers 404,
     * while links that stay inside are served. Turn it on only for a directory whose links you
     * control (for example, assets linked from a build output); {@code ..} segments are refused
     * either way.
     *
     * @param enabled whether links may lead out of the directory
     * @return a copy with the option set
     */
    public StaticFiles followSymlinks(boolean enabled) {
        return new StaticFiles(root, html, enabled);
    }

    /**
     * Returns the directory served.
     *
     * @return the absolute, normalized directory path
     */
    public Path root() {
        return root;
    }

    /**
     * Answers one request as a plain handler: the request's {@code path()} names the file under
     * the directory, and errors are sent as plain text. A {@link WebApp} that mounts these files
     * does not call this; it answers through its middleware and exception handlers.
     *
     * @param request the request
     * @param response the response to complete
     * @throws IOException if the client went away
     */
    @Override
    public void handle(Request request, Response response) throws IOException {
        directory.handle(request, response);
    }

    /** The implementation a {@link WebApp} mounts. */
    StaticDirectory directory() {
        return directory;
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
