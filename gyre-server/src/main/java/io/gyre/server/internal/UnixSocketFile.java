package io.gyre.server.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The socket file a server listens on ({@code --uds}): bound with a stale file replaced, and removed
 * at shutdown while it is still the file this server bound.
 */
final class UnixSocketFile {
    /*
     * Overview: a file at the path is probed before anything is removed. Nothing there: bind. A socket
     * no process listens on (a connection is refused) is stale, left by a process that crashed: it is
     * removed, and the new socket gets its permissions. A socket that accepts, or one that cannot be
     * probed (permission denied), is refused and left alone; so is any file that is not a socket. A
     * new socket file gets the OS default (0777 minus the umask; connecting needs write permission).
     *
     * The file's identity (device and inode) is kept at bind; remove() deletes the path only while it
     * still names that file, so that a process that took the path over during our drain keeps it.
     * remove() may run on the shutdown task and on the JVM exit hook: the first call does it.
     */

    /** The longest socket path, in bytes, that Linux takes (108 with the terminating NUL). */
    static final int MAX_PATH_BYTES = 107;

    private static final String OPTION = " (uds(...), --uds, GYRE_UDS)";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path path;
    private final ServerSocketChannel channel;
    private final Object fileKey;
    private final AtomicBoolean removed = new AtomicBoolean();

    private UnixSocketFile(Path path, ServerSocketChannel channel, Object fileKey) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    /**
     * Binds a non-blocking listener on the socket file {@code uds}.
     *
     * @throws ListenException saying why the path cannot be used and what to do
     * @throws IOException if binding fails for a reason the OS names
     */
    static UnixSocketFile bind(String uds, int backlog) throws IOException {
        Path path;
        try {
            path = Path.of(uds);
        } catch (InvalidPathException e) {
            throw new ListenException("'" + uds + "' is not a valid path: " + e.getReason() + ". Give the path of"
                    + " the socket file to create" + OPTION + ".", e);
        }
        int bytes = uds.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new ListenException("the path is " + bytes + " bytes long, and the OS takes at most "
                    + MAX_PATH_BYTES + " bytes for a socket path. Use a shorter path, such as /run/<app>/app.sock or"
                    + " a relative one" + OPTION + ".");
        }
        checkDirectory(path);
        Set<PosixFilePermission> kept = replaceStale(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path), backlog);
            ch.configureBlocking(false);
            if (kept != null) {
                Files.setPosixFilePermissions(path, kept);
            }
            Object key = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW).fileKey();
            return new UnixSocketFile(path, ch, key);
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new ListenException("another process created " + path + " while this one started. Stop it,"
                        + " or give this server another path" + OPTION + ".", e);
            }
            throw e;
        }
    }

    private static void checkDirectory(Path path) throws ListenException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null) {
            throw new ListenException("'" + path + "' names no file. Give the path of the socket file to create"
                    + OPTION + ".");
        }
        if (!Files.isDirectory(dir)) {
            throw new ListenException("the directory " + dir + " does not exist. Create it first (mkdir -p, or"
                    + " systemd's RuntimeDirectory=), or put the socket in an existing directory" + OPTION + ".");
        }
        if (!Files.isWritable(dir)) {
            throw new ListenException("the directory " + dir + " is not writable by user '"
                    + System.getProperty("user.name") + "', so the socket file cannot be created there. Let that"
                    + " user write to it, or put the socket in a directory it owns" + OPTION + ".");
        }
    }

    /** Removes a stale socket file at {@code path}; returns its permissions, or null if there was none. */
    private static Set<PosixFilePermission> replaceStale(Path path) throws IOException {
        if (!Files.exists(path, NOFOLLOW)) {
            return null;
        }
        if (!isSocket(path)) {
            throw new ListenException(path + " exists and is " + kind(path) + ", not a socket; the server does not"
                    + " replace it. Remove it if it is yours to remove, or choose another path" + OPTION + ".");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false); // a live server with a full backlog must not hold the start
            probe.connect(UnixDomainSocketAddress.of(path));
        } catch (ConnectException refused) {
            Set<PosixFilePermission> perms = permissions(path);
            try {
                Files.delete(path);
            } catch (NoSuchFileException gone) {
                return perms; // removed by someone else meanwhile: the path is free all the same
            } catch (IOException e) {
                throw new ListenException("the stale socket file " + path + " (no process listens on it) cannot be"
                        + " removed: " + e + ". Remove it, or choose another path" + OPTION + ".", e);
            }
            ServerCore.LOG.log(Level.INFO, "removed the stale socket file " + path + " (no process listened on it)");
            return perms;
        } catch (IOException e) {
            throw new ListenException("the socket file " + path + " exists and this process cannot tell whether a"
                    + " server listens on it (connecting failed: " + e.getMessage() + "); it is left alone. Remove it"
                    + " if it is stale, or choose another path" + OPTION + ".", e);
        }
        throw new ListenException("another process serves " + path + " (it accepted a connection); the server"
                + " does not take over a live socket. Stop that process first, or choose another path" + OPTION + ".");
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW);
            return (mode & 0170000) == 0140000;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW).isOther();
        }
    }

    private static String kind(Path path) {
        if (Files.isSymbolicLink(path)) {
            return "a symbolic link";
        }
        return Files.isDirectory(path, NOFOLLOW) ? "a directory"
                : Files.isRegularFile(path, NOFOLLOW) ? "a regular file" : "a special file";
    }

    private static Set<PosixFilePermission> permissions(Path path) {
        try {
            return Files.getPosixFilePermissions(path, NOFOLLOW);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** @return the bound, non-blocking listener */
    ServerSocketChannel channel() {
        return channel;
    }

    /** @return the socket file's path, as configured */
    Path path() {
        return path;
    }

    /**
     * Deletes the socket file unless another process has replaced it since the bind. Idempotent; any
     * thread. Call after the listener is closed.
     */
    void remove() {
        if (!removed.compareAndSet(false, true)) {
            return;
        }
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW).fileKey();
            if (fileKey != null && !fileKey.equals(now)) {
                ServerCore.LOG.log(Level.INFO, "left the socket file " + path + " in place: another process has"
                        + " bound it since this server did");
                return;
            }
            Files.delete(path);
        } catch (NoSuchFileException gone) {
            // removed already, by the operator or by a process that took the path over
        } catch (IOException e) {
            ServerCore.LOG.log(Level.WARNING, "could not remove the socket file " + path + ": " + e
                    + "; remove it by hand, or the next start replaces it as stale");
        }
    }
}
