package io.gyre.web.internal;

/**
 * Bounds on a form body, so that a hostile one cannot exhaust memory, file handles or time:
 * how many text fields and file parts it may hold (urlencoded or multipart), and how large the
 * header block of one multipart part may be. Over a bound, the request gets a 400 that names it.
 *
 * @param maxFields the most text fields, default 1000 (as Starlette)
 * @param maxFiles the most file parts (parts with a filename), default 1000 (as Starlette)
 * @param maxPartHeaderBytes the largest header block of one part, default 16 KiB
 */
public record FormLimits(int maxFields, int maxFiles, int maxPartHeaderBytes) {
    /** The defaults. */
    public static final FormLimits DEFAULTS = new FormLimits(1000, 1000, 16 * 1024);

    /** Checks the bounds. */
    public FormLimits {
        if (maxFields < 0) {
            throw new IllegalArgumentException("maxFormFields < 0: " + maxFields);
        }
        if (maxFiles < 0) {
            throw new IllegalArgumentException("maxFormFiles < 0: " + maxFiles);
        }
        if (maxPartHeaderBytes < 1) {
            throw new IllegalArgumentException("maxPartHeaderBytes < 1: " + maxPartHeaderBytes);
        }
    }

    /** Why a form with more than {@link #maxFields} text fields is refused, and the fix. */
    String tooManyFields() {
        return "more than " + maxFields + " fields; raise WebApp.Builder.maxFormFields(...) if such forms are expected";
    }

    /** Why a form with more than {@link #maxFiles} file parts is refused, and the fix. */
    String tooManyFiles() {
        return "more than " + maxFiles + " files; raise WebApp.Builder.maxFormFiles(...) if such forms are expected";
    }
}
