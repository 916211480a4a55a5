package io.gyre.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gyre.server.Handler;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class AppLoaderTest {
    /** An app class whose static initialization fails, as one reading a missing setting does. */
    public static final class BrokenInit {
        static final String URL = Objects.requireNonNull(System.getProperty("gyre.test.unset.database.url"),
                "database URL is not set");

        private BrokenInit() {
        }

        /** @return the app */
        public static Handler app() {
            return (rq, rs) -> rs.send(URL);
        }
    }

    /** An app class whose factory fails. */
    public static final class FailingFactory {
        private FailingFactory() {
        }

        /** @return never */
        public static Handler app() {
            throw new IllegalStateException("no database");
        }
    }

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void aFailingStaticInitializerIsReportedWithItsCauseNotAsAWrongName() {
        assertThatThrownBy(() -> AppLoader.load(BrokenInit.class.getName(), loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was found, but its static initialization failed")
                .hasMessageContaining("database URL is not set")
                .hasMessageNotContaining("Check the name");
    }

    @Test
    void aFailingFactoryIsReportedWithItsCause() {
        assertThatThrownBy(() -> AppLoader.load(FailingFactory.class.getName(), loader))
                .hasMessageContaining("app factory " + FailingFactory.class.getName() + ".app() failed")
                .hasMessageContaining("no database");
    }

    @Test
    void anEmptyFactoryNameAfterTheColonIsExplained() {
        assertThatThrownBy(() -> AppLoader.load(FailingFactory.class.getName() + ":", loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no factory after ':'");
    }

    @Test
    void aMissingClassHintsAtTheNestedClassSpelling() {
        assertThatThrownBy(() -> AppLoader.load("com.example.Outer.App", loader))
                .hasMessageContaining("cannot load app class 'com.example.Outer.App'")
                .hasMessageContaining("com.example.Outer$Inner");
    }
}
