package io.gyre.web.internal;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one check that a path a client named stays under a root directory, shared by
 * {@link io.gyre.web.WebResponse#file(Path, String)} and {@link io.gyre.web.StaticFiles}.
 *
 * <p>The path is resolved against the root and normalized; it is refused if it is absolute,
 * holds a NUL character, names the root itself, or leads out of the root by {@code ..}
 * segments. Unless symbolic links may be followed anywhere, it is also refused when, once its
 * links are resolved, it leads out of the root's own real path. A path that does not exist is
 * not refused here: the response answers it with 404 when it is sent.
 */
public final class FileUnderRoot {
    private FileUnderRoot() {
    }

    /**
     * A path the client named, accepted.
     *
     * @param named the path as named, under the root (its file name gives the content type)
     * @param served the path to read: {@code named} with its links resolved, when it exists
     */
    public record Accepted(Path named, Path served) {
    }

    /**
     * Checks a client-named path.
     *
     * @param root the directory the file must be under
     * @param relativePath the path as the client gave it (percent-decoded), relative to the root
     * @param followSymlinks whether a symbolic link under the root may lead anywhere
     * @return the accepted path, or empty if it is refused
     */
    public static Optional<Accepted> resolve(Path root, String relativePath, boolean followSymlinks) {
        if (relativePath.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Path base = root.toAbsolutePath().normalize();
        Path named;
        try {
            Path relative = base.getFileSystem().getPath(relativePath);
            if (relative.isAbsolute() || relative.getRoot() != null) {
                return Optional.empty();
            }
            named = base.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!named.startsWith(base) || named.equals(base)) {
            return Optional.empty();
        }
        if (followSymlinks) {
            return Optional.of(new Accepted(named, named));
        }
        try {
            Path served = named.toRealPath();
            return served.startsWith(base.toRealPath()) ? Optional.of(new Accepted(named, served)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.of(new Accepted(named, named)); // answered with 404 when the response is sent
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
