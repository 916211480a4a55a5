package io.gyre.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.internal.ConsoleFormat;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configured level holds from the server's first record on, although it is applied late, and an
 * unconfigured console gets Gyre's one-line format.
 */
class LogSetUpTest {
    private final Logger gyre = Logger.getLogger("io.gyre");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    /** "message @ class" of each record, the class asked while it is published (the JDK infers it then). */
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getMessage() + " @ " + r.getSourceClassName());
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void capture() {
        levelBefore = gyre.getLevel();
        gyre.setUseParentHandlers(false);
        gyre.addHandler(capture);
    }

    @AfterEach
    void release() {
        gyre.removeHandler(capture);
        gyre.setUseParentHandlers(true);
        gyre.setLevel(levelBefore);
    }

    /** Runs a server that is asked to stop before it starts: it binds, logs, and stops at once. */
    private static int runBriefly(String level) {
        HttpServer server = HttpServer.builder()
                .handler((rq, rs) -> rs.send("ok"))
                .configure(c -> c.host("127.0.0.1").port(0).logLevel(level))
                .build();
        server.requestShutdown("the test only starts it");
        return server.run();
    }

    @Test
    void levelWarningHidesTheListeningLine() {
        assertThat(runBriefly("warning")).isEqualTo(HttpServer.EXIT_OK);

        assertThat(gyre.getLevel()).isEqualTo(Level.WARNING);
        assertThat(records).filteredOn(r -> r.getLevel().intValue() < Level.WARNING.intValue())
                .extracting(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage())
                .isEmpty();
    }

    @Test
    void levelInfoShowsTheListeningLineFromTheServerCore() {
        assertThat(runBriefly("info")).isEqualTo(HttpServer.EXIT_OK);

        assertThat(gyre.getLevel()).isEqualTo(Level.INFO);
        assertThat(lines).anyMatch(l -> l.startsWith("Gyre server listening on http://127.0.0.1:")
                && l.endsWith(" @ io.gyre.server.internal.ServerCore"));
    }

    @Test
    void aServerGivesTheUnconfiguredConsoleGyresOneLineFormat() {
        assertThat(runBriefly("info")).isEqualTo(HttpServer.EXIT_OK);

        assertThat(Arrays.asList(Logger.getLogger("").getHandlers()))
                .filteredOn(h -> h instanceof ConsoleHandler)
                .isNotEmpty()
                .allMatch(h -> h.getFormatter() instanceof ConsoleFormat);
    }

    @Test
    void aConsoleHandlerWithAFormatterOfItsOwnKeepsIt() {
        ConsoleHandler stock = new ConsoleHandler();
        stock.setFormatter(new SimpleFormatter());
        ConsoleHandler custom = new ConsoleHandler();
        Formatter own = new Formatter() {
            @Override
            public String format(LogRecord r) {
                return r.getMessage();
            }
        };
        custom.setFormatter(own);

        LogSetUp.useConsoleFormat(stock);
        LogSetUp.useConsoleFormat(custom);

        assertThat(stock.getFormatter()).isInstanceOf(ConsoleFormat.class);
        assertThat(custom.getFormatter()).isSameAs(own);
        stock.close();
        custom.close();
    }
}
