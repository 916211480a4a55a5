package io.gyre.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.runtime.CancelledException;
import io.gyre.server.RequestBodyException;
import io.gyre.web.ExceptionHandler;
import io.gyre.web.HttpException;
import io.gyre.web.RequestValidationException;
import io.gyre.web.ValidationError;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps exceptions to responses: handlers by status of an {@link HttpException}, handlers by
 * type (the most specific registered superclass wins), then the built-in answers.
 *
 * <p>The built-in answers for {@link HttpException} and {@link RequestValidationException} count
 * as handlers registered at those classes, as in Starlette: a handler for {@code Exception} or
 * {@code RuntimeException} does not turn a 404 or a 422 into its own answer; a handler for
 * exactly one of those classes does replace the built-in one.
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

    /**
     * The failure as the request should see it: an {@link InterruptedException} thrown while the
     * request's task is being cancelled (its client left, or the server shut down) is that
     * cancellation, not a handler failure to log and answer with 500.
     */
    static Throwable asCancellation(Throwable failure) {
        if (failure instanceof InterruptedException && io.gyre.runtime.Cancellation.isRequested()) {
            return new CancelledException("the request was cancelled while its code waited (" + failure + ")");
        }
        return failure;
    }

    /**
     * Who wants the failures answered with 500 of the request being handled, besides the log
     * (a test client that rethrows them): bound by {@link AppCore#handle(io.gyre.server.Request,
     * io.gyre.server.Response, java.util.function.Consumer)}.
     */
    static final ScopedValue<java.util.function.Consumer<Throwable>> UNHANDLED = ScopedValue.newInstance();

    private static void tellUnhandled(Throwable failure) {
        if (UNHANDLED.isBound()) {
            UNHANDLED.get().accept(failure);
        }
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
        if (request instanceof RequestState state && state.isBodyFailure(failure)) {
            // over the size limit, bad framing, body deadline: answered like an HttpException, so
            // that middleware (CORS) sees it; the server closes the connection after it
            unwrapped = refusal(failure).orElseThrow(() -> bodyFailure(failure)); // else the client left
        }
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
                if (type == HttpException.class || type == RequestValidationException.class) {
                    break; // the built-in answer is registered here: more specific than Exception's handler
                }
            }
        } catch (CancelledException e) {
            throw e;
        } catch (Exception handlerFailure) {
            LOG.error("Exception handler for {} failed on {} {}", unwrapped.getClass().getName(), request.method(),
                    request.path(), handlerFailure);
            tellUnhandled(handlerFailure);
            return internalError(request, handlerFailure);
        }
        return switch (unwrapped) {
            case HttpException http -> httpError(http);
            case RequestValidationException invalid -> validationError(invalid.errors());
            default -> {
                if (!(unwrapped instanceof Exception)) {
                    LOG.error("Unhandled error in {} {}", request.method(), request.path(), unwrapped);
                } else {
                    LOG.error("Unhandled exception in {} {}", request.method(), request.path(), unwrapped);
                }
                tellUnhandled(unwrapped);
                yield internalError(request, unwrapped);
            }
        };
    }

    /**
     * The 422 body in FastAPI's shape, from plain values (maps, lists, strings, numbers, JSON
     * trees), so that any mapper writes it: an app's own mapper may lack the Optional and
     * java.time modules.
     */
    static WebResponse validationError(List<ValidationError> errors) {
        List<Map<String, Object>> detail = new ArrayList<>(errors.size());
        for (ValidationError error : errors) {
            Map<String, Object> entry = new LinkedHashMap<>(8);
            entry.put("type", error.type());
            entry.put("loc", error.loc());
            entry.put("msg", error.msg());
            entry.put("input", plain(error.input().orElse(null)));
            detail.add(entry);
        }
        return WebResponse.of(422).json(Map.of("detail", detail));
    }

    /** A value any mapper can write: JSON scalars as they are, anything else as a JSON tree. */
    private static Object plain(Object value) {
        if (value instanceof Optional<?> optional) {
            return plain(optional.orElse(null));
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        try {
            return Plain.MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            return String.valueOf(value);
        }
    }

    /**
     * Writes inputs of other types (records, java.time values, collections) with the default
     * modules; built on first use, not at start-up, since few 422s need it.
     */
    private static final class Plain {
        static final ObjectMapper MAPPER = JsonSupport.defaultMapper();
    }

    /** The server's refusal of the request body in {@code failure}'s causes, as the HttpException that answers it. */
    private static Optional<HttpException> refusal(Throwable failure) {
        int depth = 0;
        for (Throwable c = failure; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c instanceof RequestBodyException refused) {
                return Optional.of(new HttpException(refused.status(), refused.getMessage()));
            }
        }
        return Optional.empty();
    }

    /**
     * A request body failure that is not the server's refusal (the client left), rethrown for the
     * server, which answers nobody; not logged as an error.
     */
    private static RuntimeException bodyFailure(Throwable failure) {
        return switch (failure) {
            case RuntimeException unchecked -> unchecked;
            case Error error -> throw error;
            case java.io.IOException io -> new java.io.UncheckedIOException(io);
            default -> new IllegalStateException("the request body could not be read: " + failure, failure);
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
