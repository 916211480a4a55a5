package io.gyre.web;

/** Where a handler parameter is bound from; the first element of a validation error's location. */
public enum ParamSource {
    /** A path template segment. */
    PATH,
    /** The query string. */
    QUERY,
    /** A request header. */
    HEADER,
    /** A request cookie. */
    COOKIE,
    /** The JSON body. */
    BODY,
    /** A field of a form body (urlencoded or multipart); located at {@code body} in errors. */
    FORM,
    /** A file part of a multipart body; located at {@code body} in errors. */
    FILE;

    /**
     * Returns the name used in error locations and documentation.
     *
     * @return {@code path}, {@code query}, {@code header}, {@code cookie} or {@code body} (also
     *     for form fields and files, as FastAPI reports them)
     */
    public String label() {
        return this == FORM || this == FILE ? "body" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
