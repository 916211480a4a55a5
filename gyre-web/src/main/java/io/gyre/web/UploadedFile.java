package io.gyre.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file uploaded in a {@code multipart/form-data} body. Small files are held in memory,
 * larger ones in a temporary file that is deleted after the response was sent: copy what you
 * want to keep ({@link #transferTo}) before then.
 *
 * <p>Thread-safety: may be read from any thread until the request's cleanup ran.
 */
public interface UploadedFile {
    /**
     * Returns the form field's name.
     *
     * @return the field name
     */
    String field();

    /**
     * Returns the file name exactly as the client sent it ({@code filename*} decoded when
     * present). It may hold a path such as {@code ../../etc/passwd}: never use it as a path
     * without checking it; the content itself is only ever written to a temporary file of
     * Gyre's own naming.
     *
     * @return the file name, or empty if the part had none
     */
    Optional<String> filename();

    /**
     * Returns the part's content type.
     *
     * @return the content type, {@code application/octet-stream} if the part had none
     */
    String contentType();

    /**
     * Returns the size in bytes.
     *
     * @return the size
     */
    long size();

    /**
     * Tells whether the content was spooled to a temporary file.
     *
     * @return true if on disk
     */
    boolean onDisk();

    /**
     * Opens the content for reading.
     *
     * @return a new stream over the content
     * @throws IOException if the temporary file cannot be read (for example after the cleanup)
     */
    InputStream open() throws IOException;

    /**
     * Reads the whole content into memory.
     *
     * @return the content
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    byte[] bytes();

    /**
     * Copies the content to a file, replacing it if it exists.
     *
     * @param target where to copy
     * @throws IOException if copying fails
     */
    void transferTo(Path target) throws IOException;
}
