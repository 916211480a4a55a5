package io.gyre.runtime.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyLoggerTest {
    /** "LEVEL message (set-up done?)" of each record the backend got. */
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final AtomicBoolean setUp = new AtomicBoolean();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile Level threshold = Level.ALL;

    private final class Backend implements System.Logger {
        @Override
        public String getName() {
            return "backend";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                records.add(level + " " + msg + (setUp.get() ? " (set up)" : " (not set up)"));
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            log(level, bundle, format, (Throwable) null);
        }
    }

    private LazyLogger logger(String name) {
        return new LazyLogger(name, n -> {
            lookups.incrementAndGet();
            return new Backend();
        });
    }

    @Test
    void aLoggerLooksNothingUpUntilItIsUsed() {
        LazyLogger log = logger("io.gyre.test.lazy.unused");

        assertThat(log.getName()).isEqualTo("io.gyre.test.lazy.unused");
        assertThat(lookups).hasValue(0);

        log.log(Level.INFO, "first");
        log.log(Level.INFO, "second");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void theSetUpHasRunWhenTheFirstRecordIsPublished() {
        LazyLogger log = logger("io.gyre.test.lazy.setup");

        LazyLogger.setUp(() -> setUp.set(true));
        log.log(Level.INFO, "first");

        assertThat(records).containsExactly("INFO first (set up)");
        assertThat(LazyLogger.setUpPending()).isFalse();
    }

    @Test
    void aSetUpGivenAfterTheFirstRecordRunsAtOnce() {
        logger("io.gyre.test.lazy.late").log(Level.INFO, "first");

        LazyLogger.setUp(() -> setUp.set(true));

        assertThat(setUp).isTrue();
    }

    @Test
    void theBackendsLevelDecidesWhatIsLoggableAndUnneededMessagesAreNotBuilt() {
        LazyLogger log = logger("io.gyre.test.lazy.level");
        threshold = Level.WARNING;
        AtomicBoolean supplied = new AtomicBoolean();

        log.log(Level.INFO, () -> {
            supplied.set(true);
            return "hidden";
        });
        log.log(Level.WARNING, "shown", new IllegalStateException("expected"));

        assertThat(log.isLoggable(Level.INFO)).isFalse();
        assertThat(log.isLoggable(Level.ERROR)).isTrue();
        assertThat(supplied).isFalse();
        assertThat(records).hasSize(1).allMatch(r -> r.startsWith("WARNING shown"));
    }
}
