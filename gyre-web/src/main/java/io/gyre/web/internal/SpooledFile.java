package io.gyre.web.internal;

import io.gyre.web.UploadedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * An uploaded part held in memory up to a threshold, then in a temporary file. Written once by
 * the parser (the request's task), read afterwards; {@link #close()} deletes the file.
 */
final class SpooledFile implements UploadedFile, AutoCloseable {
    private final String field;
    private final Optional<String> filename;
    private final String contentType;
    private final long threshold;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;

    SpooledFile(String field, Optional<String> filename, String contentType, long threshold) {
        this.field = field;
        this.filename = filename;
        this.contentType = contentType;
        this.threshold = threshold;
    }

    /** The sink the parser writes the part's content into. */
    final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (file == null && size + len > threshold) {
                file = Files.createTempFile("gyre-upload-", ".part");
                fileOut = Files.newOutputStream(file);
                memory.writeTo(fileOut);
                memory = null;
            }
            if (file != null) {
                fileOut.write(b, off, len);
            } else {
                memory.write(b, off, len);
            }
            size += len;
        }

        @Override
        public void close() throws IOException {
            if (fileOut != null) {
                fileOut.close();
            }
        }
    };

    @Override
    public String field() {
        return field;
    }

    @Override
    public Optional<String> filename() {
        return filename;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean onDisk() {
        return file != null;
    }

    @Override
    public InputStream open() throws IOException {
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(memory.toByteArray());
    }

    @Override
    public byte[] bytes() {
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload '" + field + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void transferTo(Path target) throws IOException {
        if (file != null) {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.write(target, memory.toByteArray());
        }
    }

    String text() {
        return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public String toString() {
        return "UploadedFile[" + field + ", " + filename.orElse("-") + ", " + size + " bytes" + (onDisk() ? ", on disk" : "") + "]";
    }
}
