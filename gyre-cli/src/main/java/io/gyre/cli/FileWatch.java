package io.gyre.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The files under the reloader's roots, compared by modification time and size from one scan to
 * the next (as Uvicorn's stat reloader does). Polling rather than {@code WatchService}: it needs no
 * registration of each new subdirectory, sees a directory deleted and made again ({@code mvn clean
 * compile}), and is as quick on every platform. A scan of a few thousand files takes milliseconds.
 *
 * <p>Hidden files and directories (a leading '.') and editor leftovers ({@code ~}, {@code .swp},
 * {@code .tmp}) are skipped. Not thread-safe: the reloader's one task uses it.
 */
final class FileWatch {
    private record Stamp(long modified, long size) {
    }

    private final List<Path> roots;
    /** The last scan: file to stamp. */
    private Map<Path, Stamp> last;

    FileWatch(List<Path> roots) {
        this.roots = List.copyOf(roots);
        this.last = scan();
    }

    List<Path> roots() {
        return roots;
    }

    /** Scans again; returns the files added, changed or removed since the last scan, in name order. */
    List<Path> changes() {
        Map<Path, Stamp> now = scan();
        TreeSet<Path> changed = new TreeSet<>();
        for (Map.Entry<Path, Stamp> e : now.entrySet()) {
            if (!e.getValue().equals(last.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        for (Path p : last.keySet()) {
            if (!now.containsKey(p)) {
                changed.add(p);
            }
        }
        last = now;
        return new ArrayList<>(changed);
    }

    /** A file as the log names it: relative to its root, or its full path for a jar root. */
    String display(Path file) {
        for (Path root : roots) {
            if (file.startsWith(root) && !file.equals(root)) {
                return root.relativize(file).toString();
            }
        }
        return file.toString();
    }

    private Map<Path, Stamp> scan() {
        Map<Path, Stamp> files = new HashMap<>();
        for (Path root : roots) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && ignored(dir) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && (file.equals(root) || !ignored(file))) {
                            files.put(file, new Stamp(attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                                    attrs.size()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // deleted while walked: the next scan sees it gone
                    }
                });
            } catch (NoSuchFileException e) {
                // the root is gone (a clean build): its files count as removed until it is back
            } catch (IOException e) {
                // unreadable for now; the next scan tries again
            }
        }
        return files;
    }

    private static boolean ignored(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".tmp");
    }
}
