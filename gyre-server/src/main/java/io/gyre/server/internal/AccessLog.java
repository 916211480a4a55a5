package io.gyre.server.internal;

import io.gyre.runtime.internal.log.LazyLogger;
import java.lang.System.Logger.Level;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes one combined-log-format line per response to the {@code io.gyre.server.access} logger. */
final class AccessLog {
    private static final System.Logger LOG = LazyLogger.named("io.gyre.server.access");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

    private AccessLog() {
    }

    static void log(Exchange ex) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        var req = ex.request;
        String line = req.remoteAddress().getAddress().getHostAddress() + " - - [" + TIME.format(ZonedDateTime.now())
                + "] \"" + ex.head.method() + " " + ex.head.target() + " " + ex.head.version().text() + "\" "
                + ex.response.status() + " " + (ex.response.bodyBytesSent() > 0 ? ex.response.bodyBytesSent() : "-")
                + " \"" + req.header("Referer").orElse("-") + "\" \"" + req.header("User-Agent").orElse("-") + "\"";
        LOG.log(Level.INFO, line);
    }
}
