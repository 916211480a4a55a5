package io.gyre.web.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.gyre.web.RouteInfo;
import io.gyre.web.ValidationError;
import jakarta.validation.ConstraintViolation;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A route ready to run: binders for each argument, the handler as a method handle, and how to
 * validate. Built at startup; {@link #bind(Object)} attaches the routes instance at start.
 *
 * <p>Thread-safety: immutable after {@link #bind}, which happens-before serving.
 */
final class CompiledRoute {
    final RouteInfo info;
    final Class<?> owner;
    final Method method;
    private final MethodHandle handle; // (Object receiver, Object[] args) -> Object
    private final Binder[] binders;
    private final List<Class<?>> requiredDependencies;
    private final List<Class<?>> eager;
    private final boolean validateParameters;
    private final BodyValidation[] bodyValidations;
    private final IntFunction<List<Object>> locOf;
    final Optional<ObjectWriter> writer;
    private volatile Object instance;

    /** A body argument validated on its own (not covered by {@code @Valid} on the parameter). */
    record BodyValidation(int index, List<Object> loc) {
    }

    CompiledRoute(RouteInfo info, Class<?> owner, Method method, MethodHandle handle, Binder[] binders,
            List<Class<?>> requiredDependencies, List<Class<?>> eager, boolean validateParameters, BodyValidation[] bodyValidations,
            IntFunction<List<Object>> locOf, Optional<ObjectWriter> writer) {
        this.info = info;
        this.owner = owner;
        this.method = method;
        this.handle = handle;
        this.binders = binders;
        this.requiredDependencies = requiredDependencies;
        this.eager = eager;
        this.validateParameters = validateParameters;
        this.bodyValidations = bodyValidations;
        this.locOf = locOf;
        this.writer = writer;
    }

    void bind(Object routesInstance) {
        this.instance = routesInstance;
    }

    List<Class<?>> requiredDependencies() {
        return requiredDependencies;
    }

    /** Binds, validates and runs the handler; returns what it returned. */
    Object invoke(RequestState request) throws Throwable {
        Object target = instance;
        if (target == null) {
            throw new IllegalStateException("internal error: route " + info.method() + " " + info.path()
                    + " has no instance; the app was not started (please report)");
        }
        List<ValidationError> bound = new ArrayList<>(0); // no backing array until an error is added
        for (Class<?> dependency : eager) {
            resolve(request, dependency, bound);
        }
        Object[] args = new Object[binders.length];
        for (int i = 0; i < binders.length; i++) {
            args[i] = binders[i].bind(request, bound);
        }
        List<ValidationError> errors = bound.isEmpty() ? null : bound;
        if (validateParameters) {
            Object[] checked = args;
            if (errors != null) {
                checked = args.clone();
            }
            Set<ConstraintViolation<Object>> violations = Validation.validator().forExecutables()
                    .validateParameters(target, method, checked);
            if (!violations.isEmpty()) {
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                List<ValidationError> found = new ArrayList<>();
                Validation.addParameterViolations(violations, locOf, found);
                for (ValidationError error : found) {
                    if (!covered(errors, error)) {
                        errors.add(error);
                    }
                }
            }
        }
        for (BodyValidation body : bodyValidations) {
            Object value = args[body.index()];
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            if (value != null) {
                Set<ConstraintViolation<Object>> violations = Validation.validator().validate(value);
                if (!violations.isEmpty()) {
                    if (errors == null) {
                        errors = new ArrayList<>();
                    }
                    Validation.addBeanViolations(violations, body.loc(), errors);
                }
            }
        }
        if (errors != null && !errors.isEmpty()) {
            throw new io.gyre.web.RequestValidationException(errors);
        }
        return (Object) handle.invokeExact(target, args);
    }

    /**
     * Resolves a dependency for a parameter; a provider's own invalid parameters (it threw a
     * {@link io.gyre.web.RequestValidationException}) join the route's one 422 list, as FastAPI
     * lists a dependency's query and header errors with the route's. A provider that several
     * parameters share reports its errors once.
     */
    static Object resolve(RequestState request, Class<?> dependency, List<ValidationError> errors) {
        try {
            return request.get(dependency);
        } catch (io.gyre.web.RequestValidationException e) {
            for (ValidationError error : e.errors()) {
                if (!errors.contains(error)) {
                    errors.add(error);
                }
            }
            return null;
        }
    }

    /** A parameter whose binding already failed is not reported again by a constraint on it. */
    private static boolean covered(List<ValidationError> errors, ValidationError error) {
        for (ValidationError existing : errors) {
            List<Object> a = existing.loc();
            List<Object> b = error.loc();
            if (a.size() >= 2 && b.size() >= 2 && a.get(0).equals(b.get(0)) && a.get(1).equals(b.get(1))) {
                return true;
            }
        }
        return false;
    }
}
