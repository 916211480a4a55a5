package io.gyre.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The vendored request corpora (src/test/resources/corpus): one vector per file, listed in index.tsv. */
final class Corpus {
    static final List<String> SOURCES = List.of("http-parser", "nodejs", "handwritten");

    /**
     * One request vector.
     *
     * @param source the corpus folder
     * @param file the file name
     * @param verdict the third party's verdict: valid or invalid
     * @param note what the vector is
     * @param bytes the raw bytes
     */
    record Vector(String source, String file, String verdict, String note, byte[] bytes) {
        @Override
        public String toString() {
            return source + "/" + file;
        }
    }

    private Corpus() {
    }

    static List<Vector> all() {
        List<Vector> out = new ArrayList<>();
        for (String source : SOURCES) {
            out.addAll(load(source));
        }
        return out;
    }

    static List<Vector> load(String source) {
        List<Vector> out = new ArrayList<>();
        String index = new String(resource(source + "/index.tsv"), StandardCharsets.UTF_8);
        for (String line : index.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(new Vector(source, f[0], f[1], f.length > 3 ? f[3] : "", resource(source + "/" + f[0])));
        }
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("corpus file /corpus/" + name + " is missing from the test resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
