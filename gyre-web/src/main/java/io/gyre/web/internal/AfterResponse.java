package io.gyre.web.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the background tasks of requests after their responses, in a supervisor owned by the
 * app, so that shutdown can wait for them and then cancel what is left.
 *
 * <p>Thread-safety: {@link #schedule} from any request task; {@link #drain} once, at stop.
 */
final class AfterResponse {
    private static final Logger LOG = LoggerFactory.getLogger("io.gyre.web");

    private final Supervisor supervisor;

    AfterResponse(String app) {
        this.supervisor = Supervisor.open(app + "-after-response", (task, failure) -> LOG.error(
                "Background work '{}' (started at {}) failed", task.name(), task.creationSite(), failure));
    }

    void schedule(String request, List<RequestState.Work> work) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        supervisor.spawn("after " + request, () -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                for (RequestState.Work item : work) {
                    try {
                        item.body().run();
                    } catch (CancelledException e) {
                        throw e;
                    } catch (Exception e) {
                        LOG.error("Background task '{}' after {} failed; the later ones still run", item.name(), request, e);
                    }
                }
            } finally {
                MDC.clear();
            }
        });
    }

    /** Waits up to {@code grace} for the scheduled work, then cancels the rest; true if all ended in time. */
    boolean drain(Duration grace, Duration cancelGrace) {
        boolean idle = supervisor.awaitIdle(grace);
        if (!idle) {
            LOG.warn("Background tasks still running after {}; cancelling them", grace);
        }
        supervisor.close(cancelGrace);
        return idle;
    }

    int running() {
        return supervisor.tasks().size();
    }
}
