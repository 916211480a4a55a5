package io.gyre.web.internal;

import io.gyre.runtime.Cancellation;
import io.gyre.runtime.CancelledException;
import io.gyre.runtime.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
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
                runAll(request, work);
            } finally {
                MDC.clear();
            }
        });
    }

    /**
     * Runs the tasks in order; a failure is logged and the later ones still run, but once the
     * task is cancelled (shutdown past its grace) the rest is skipped and reported by name. A
     * task that ends with an {@link InterruptedException} while its task is being cancelled was
     * cancelled, not failed.
     */
    private static void runAll(String request, List<RequestState.Work> work) {
        for (int i = 0; i < work.size(); i++) {
            RequestState.Work item = work.get(i);
            if (Cancellation.isRequested()) {
                throw cancelled(request, work, i, "was cancelled before it started");
            }
            try {
                item.body().run();
            } catch (CancelledException | InterruptedException e) {
                throw cancelled(request, work, i, "was cancelled while running (" + e + ")");
            } catch (Exception e) {
                if (Cancellation.isRequested()) {
                    throw cancelled(request, work, i, "was cancelled while running and then failed (" + e + ")");
                }
                LOG.error("Background task '{}' after {} failed; the later ones still run", item.name(), request, e);
            }
        }
    }

    private static CancelledException cancelled(String request, List<RequestState.Work> work, int at, String how) {
        List<String> skipped = new ArrayList<>();
        for (RequestState.Work later : work.subList(at + 1, work.size())) {
            skipped.add("'" + later.name() + "'");
        }
        String message = "Background task '" + work.get(at).name() + "' after " + request + " " + how
                + (skipped.isEmpty() ? "" : "; " + String.join(", ", skipped) + " did not run");
        LOG.warn("{}; a background task that must finish should fit in the app's shutdownTimeout", message);
        return new CancelledException(message);
    }

    /** Waits up to {@code grace} for the scheduled work, then cancels the rest; true if all ended in time. */
    boolean drain(Duration grace, Duration cancelGrace) {
        boolean idle = supervisor.awaitIdle(grace);
        if (!idle) {
            List<String> running = new ArrayList<>();
            supervisor.tasks().forEach(task -> running.add("'" + task.name() + "'"));
            LOG.warn("Background tasks still running after the shutdown timeout of {}: {}; cancelling them", grace,
                    String.join(", ", running));
        }
        supervisor.close(cancelGrace); // reports, with their stacks, the tasks that ignore the cancellation
        return idle;
    }

    int running() {
        return supervisor.tasks().size();
    }
}
