package io.gyre.web.openapi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of a WebJar on the class path ({@code META-INF/resources/webjars/NAME/VERSION/}),
 * limited to a fixed list so that no other resource can be read through it. Files are read
 * once and kept. Thread-safe.
 */
final class Webjar {
    private final String name;
    private final String version;
    private final Set<String> files;
    private final ClassLoader loader;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    private Webjar(String name, String version, Set<String> files, ClassLoader loader) {
        this.name = name;
        this.version = version;
        this.files = files;
        this.loader = loader;
    }

    /**
     * Finds a WebJar by its Maven artifact id ({@code org.webjars:NAME}).
     *
     * @throws IllegalStateException if it is not on the class path, naming the fix
     */
    static Webjar find(String name, String artifact, Set<String> files, String disableHint) {
        ClassLoader loader = Webjar.class.getClassLoader();
        String properties = "META-INF/maven/org.webjars/" + name + "/pom.properties";
        try (InputStream in = loader.getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("The " + artifact + " assets are not on the class path (no " + properties
                        + "); gyre-web depends on org.webjars:" + name + ", so keep that dependency (and its META-INF"
                        + " files when repackaging), or " + disableHint);
            }
            Properties p = new Properties();
            p.load(in);
            return new Webjar(name, p.getProperty("version"), files, loader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties, e);
        }
    }

    String version() {
        return version;
    }

    /** The bytes of one of the listed files, or empty for any other name. */
    Optional<byte[]> file(String file) {
        if (!files.contains(file)) {
            return Optional.empty();
        }
        byte[] bytes = cache.computeIfAbsent(file, f -> {
            String path = "META-INF/resources/webjars/" + name + "/" + version + "/" + f;
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("The " + name + " WebJar " + version + " has no " + path
                            + "; use the version gyre-web was built with");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        });
        return Optional.of(bytes);
    }

    static String contentType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }
}
