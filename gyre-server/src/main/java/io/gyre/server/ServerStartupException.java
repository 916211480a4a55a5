package io.gyre.server;

/**
 * The server could not start: a startup hook failed or the address could not be bound. The
 * command line exits with {@link HttpServer#EXIT_STARTUP_FAILED}.
 */
public final class ServerStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and how to fix it
     * @param cause the failure
     */
    public ServerStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
