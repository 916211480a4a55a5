package io.gyre.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerLogTest {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    /** "class.method" of each record, asked while it is published (the JDK infers it then). */
    private final List<String> sources = new CopyOnWriteArrayList<>();
    private final List<Runnable> onPublish = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            onPublish.forEach(Runnable::run);
            sources.add(r.getSourceClassName() + "." + r.getSourceMethodName());
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Logger backend;

    private ServerLog logger(String name) {
        backend = Logger.getLogger(name);
        backend.setUseParentHandlers(false);
        backend.addHandler(capture);
        return ServerLog.named(name);
    }

    @AfterEach
    void detach() {
        backend.removeHandler(capture);
        backend.setUseParentHandlers(true);
    }

    @Test
    void theSetUpHasRunWhenTheFirstRecordIsPublished() {
        AtomicBoolean setUp = new AtomicBoolean();
        List<Boolean> setUpAtPublish = new CopyOnWriteArrayList<>();
        ServerLog log = logger("io.gyre.test.serverlog.setup");
        onPublish.add(() -> setUpAtPublish.add(setUp.get()));

        ServerLog.setUp(() -> setUp.set(true));
        log.log(Level.INFO, "first");

        assertThat(setUpAtPublish).containsExactly(true);
        assertThat(ServerLog.setUpPending()).isFalse();
    }

    @Test
    void aSetUpGivenAfterTheFirstRecordRunsAtOnce() {
        ServerLog log = logger("io.gyre.test.serverlog.late");
        log.log(Level.INFO, "first");
        AtomicBoolean setUp = new AtomicBoolean();

        ServerLog.setUp(() -> setUp.set(true));

        assertThat(setUp).isTrue();
    }

    @Test
    void recordsNameTheClassThatLogged() {
        ServerLog log = logger("io.gyre.test.serverlog.caller");

        log.log(Level.INFO, "plain");
        log.log(Level.INFO, () -> "supplied");
        log.log(Level.WARNING, "with a failure", new IllegalStateException("expected"));

        assertThat(records).extracting(LogRecord::getMessage).containsExactly("plain", "supplied", "with a failure");
        assertThat(sources).containsOnly(ServerLogTest.class.getName() + ".recordsNameTheClassThatLogged");
    }

    @Test
    void theBackendsLevelDecidesWhatIsLoggable() {
        ServerLog log = logger("io.gyre.test.serverlog.level");
        backend.setLevel(java.util.logging.Level.WARNING);
        AtomicBoolean supplied = new AtomicBoolean();

        log.log(Level.INFO, () -> {
            supplied.set(true);
            return "hidden";
        });
        log.log(Level.WARNING, "shown");

        assertThat(log.isLoggable(Level.INFO)).isFalse();
        assertThat(log.getName()).isEqualTo("io.gyre.test.serverlog.level");
        assertThat(supplied).isFalse();
        assertThat(records).extracting(LogRecord::getMessage).containsExactly("shown");
        backend.setLevel(null);
    }
}
