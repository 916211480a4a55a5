package io.gyre.runtime.internal;

import io.gyre.runtime.CancelledException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;

/** Small helpers for exceptions. */
public final class Throwables {
    private Throwables() {
    }

    /**
     * Throws {@code t} without declaring it.
     *
     * @param <E> inferred as an unchecked type
     * @param t the throwable
     * @return never returns
     * @throws E always
     */
    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * Tells whether {@code t} is how cancellation surfaces: Gyre's exception or a JDK interrupt.
     *
     * @param t the throwable
     * @return {@code true} for cancellation and interrupts
     */
    public static boolean isCancellation(Throwable t) {
        return t instanceof CancelledException
                || t instanceof InterruptedException
                || t instanceof ClosedByInterruptException
                || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException));
    }
}
