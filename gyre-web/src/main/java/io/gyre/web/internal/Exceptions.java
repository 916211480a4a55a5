package io.gyre.web.internal;

import io.gyre.runtime.CancelledException;
import io.gyre.web.ExceptionHandler;
import io.gyre.web.HttpException;
import io.gyre.web.RequestValidationException;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps exceptions to responses: handlers by status of an {@link HttpException}, handlers by
 * type (the most specific registered superclass wins), then the built-in answers.
 */
final class Exceptions {
    private static final Logger LOG = LoggerFactory.getLogger("io.gyre.web");

    private final Map<Class<? extends Throwable>, ExceptionHandler<Throwable>> byType;
    private final Map<Integer, ExceptionHandler<HttpException>> byStatus;
    private final boolean debug;

    Exceptions(Map<Class<? extends Throwable>, ExceptionHandler<Throwable>> byType,
            Map<Integer, ExceptionHandler<HttpException>> byStatus, boolean debug) {
        this.byType = Map.copyOf(byType);
        this.byStatus = Map.copyOf(byStatus);
        this.debug = debug;
    }

    /** Returns the response for a failure; rethrows cancellation and JVM errors. */
    WebResponse toResponse(WebRequest request, Throwable failure) {
        if (failure instanceof CancelledException cancelled) {
            throw cancelled;
        }
        if (failure instanceof VirtualMachineError error) {
            throw error;
        }
        Throwable unwrapped = failure instanceof RequestState.DependencyException && failure.getCause() != null
                ? failure.getCause() : failure;
        try {
            if (unwrapped instanceof HttpException http) {
                ExceptionHandler<HttpException> handler = byStatus.get(http.status());
                if (handler != null) {
                    return handler.handle(request, http);
                }
            }
            for (Class<?> type = unwrapped.getClass(); type != null; type = type.getSuperclass()) {
                ExceptionHandler<Throwable> handler = byType.get(type);
                if (handler != null) {
                    return handler.handle(request, unwrapped);
                }
            }
        } catch (CancelledException e) {
            throw e;
        } catch (Exception handlerFailure) {
            LOG.error("Exception handler for {} failed on {} {}", unwrapped.getClass().getName(), request.method(),
                    request.path(), handlerFailure);
            return internalError(request, handlerFailure);
        }
        return switch (unwrapped) {
            case HttpException http -> httpError(http);
            case RequestValidationException invalid -> WebResponse.of(422).json(Map.of("detail", invalid.errors()));
            default -> {
                if (!(unwrapped instanceof Exception)) {
                    LOG.error("Unhandled error in {} {}", request.method(), request.path(), unwrapped);
                } else {
                    LOG.error("Unhandled exception in {} {}", request.method(), request.path(), unwrapped);
                }
                yield internalError(request, unwrapped);
            }
        };
    }

    static WebResponse httpError(HttpException http) {
        WebResponse.Builder builder = WebResponse.of(http.status());
        http.headers().forEach(builder::addHeader);
        if (http.status() == 304 || http.status() == 204 || http.status() < 200) {
            return builder.empty();
        }
        return builder.json(Map.of("detail", http.detail()));
    }

    private WebResponse internalError(WebRequest request, Throwable failure) {
        if (!debug) {
            return WebResponse.of(500).json(Map.of("detail", "Internal Server Error"));
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return WebResponse.of(500).json(Map.of("detail", "Internal Server Error",
                "debug", Map.of("request", request.method() + " " + request.path(),
                        "exception", String.valueOf(failure), "stack", List.of(trace.toString().split("\n")))));
    }
}
