package io.gyre.web.internal;

import io.gyre.runtime.Supervisor;
import io.gyre.runtime.VoidBody;
import io.gyre.web.Lifespan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an app's lifespan: resources in opening order, provided values, and the
 * supervisor of its background work.
 *
 * <p>Thread-safety: filled by the lifespan function on the starting task, closed by the
 * stopping task; the two never overlap (the app's state machine orders them).
 */
final class LifespanImpl implements Lifespan {
    private static final Logger LOG = LoggerFactory.getLogger("io.gyre.web");

    private final String app;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<Class<?>, Object> provided = new LinkedHashMap<>();
    private Supervisor background;
    private boolean open = true;

    LifespanImpl(String app) {
        this.app = app;
    }

    @Override
    public <T extends AutoCloseable> T resource(T resource) {
        checkOpen("resource");
        resources.add(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    @Override
    public <T> void provide(Class<T> type, T value) {
        checkOpen("provide");
        Objects.requireNonNull(value, "value");
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("life.provide(" + type.getSimpleName() + ".class, value): value is a "
                    + value.getClass().getName());
        }
        if (provided.putIfAbsent(type, value) != null) {
            throw new IllegalStateException("App '" + app + "': " + type.getName() + " is already provided; provide"
                    + " each type once (wrap two instances of one type in distinct types)");
        }
    }

    @Override
    public void background(String name, VoidBody work) {
        checkOpen("background");
        if (background == null) {
            background = Supervisor.open(app + "-background", (task, failure) -> LOG.error(
                    "Background task '{}' of app '{}' (started at {}) failed; the app keeps running",
                    task.name(), app, task.creationSite(), failure));
        }
        background.spawn(name, work);
    }

    private void checkOpen(String what) {
        if (!open) {
            throw new IllegalStateException("App '" + app + "' lifespan is closed; life." + what
                    + "(...) must be called while the lifespan function runs, not later");
        }
    }

    Map<Class<?>, Object> provided() {
        return provided;
    }

    /** Ends the setup phase: later calls to resource/provide/background fail. */
    void seal() {
        open = false;
    }

    /** Cancels and awaits the background work, then closes resources in reverse order. */
    void close(Duration grace) {
        open = false;
        if (background != null) {
            if (!background.close(grace)) {
                LOG.warn("App '{}': background tasks did not end within {} after cancellation", app, grace);
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            AutoCloseable resource = resources.get(i);
            try {
                resource.close();
            } catch (Exception e) {
                LOG.error("App '{}': closing resource {} failed; the other resources are still closed", app, resource, e);
            }
        }
        resources.clear();
    }
}
