package io.gyre.web.internal;

import jakarta.validation.Constraint;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;

/**
 * Tells, without starting Bean Validation, whether it could find anything to check on a route
 * method's parameters or on a body type. Starting Hibernate Validator is a few hundred
 * milliseconds of start-up, so an app whose routes declare no constraint never starts it, and a
 * body without constraints is not handed to it per request.
 *
 * <p>The answer errs towards "yes": any annotation of the {@code jakarta.validation} or
 * {@code org.hibernate.validator} packages counts, as does any annotation whose type is a
 * constraint ({@code @Constraint}, as every custom and composed constraint is) or holds
 * constraints in its {@code value} (the {@code .List} containers of repeated constraints),
 * wherever it sits in the class hierarchy: on the class, its fields, its methods and their
 * parameters, and the type arguments of their types ({@code List<@Email String>}). A
 * {@code META-INF/validation.xml} on the class path, which can declare constraints in XML, makes
 * every answer "yes".
 *
 * <p>Thread-safety: confined to the thread that compiles the routes.
 */
final class ConstraintScan {
    private static final String VALIDATION_XML = "META-INF/validation.xml";
    private static final List<String> VALIDATION_PACKAGES = List.of("jakarta.validation.", "org.hibernate.validator.");

    private final boolean xmlMappings;
    private final Map<Class<?>, Boolean> beans = new HashMap<>();
    private final Map<Class<?>, Boolean> annotationTypes = new HashMap<>();
    /** Per class: "name/arity" of each method it declares with something on it to validate. */
    private final Map<Class<?>, Set<String>> constrainedMethods = new HashMap<>();

    ConstraintScan() {
        // wherever the validator's bootstrap may look for it: the thread's context loader, then its own
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.xmlMappings = context != null && context.getResource(VALIDATION_XML) != null
                || ConstraintScan.class.getClassLoader().getResource(VALIDATION_XML) != null
                || HibernateValidator.class.getClassLoader().getResource(VALIDATION_XML) != null;
    }

    /**
     * Could a method's parameters be constrained: by annotations on it or its parameters here or
     * on a method it overrides (parameter constraints are declared where a method is first
     * declared). Any method of the same name and arity up the hierarchy counts, generic or not.
     */
    boolean method(Method method) {
        if (xmlMappings) {
            return true;
        }
        String signature = signature(method);
        for (Class<?> type : hierarchy(method.getDeclaringClass())) {
            if (constrainedMethods(type).contains(signature)) {
                return true;
            }
        }
        return false;
    }

    /** The class's constrained methods, read once per class however many routes it holds. */
    private Set<String> constrainedMethods(Class<?> type) {
        Set<String> known = constrainedMethods.get(type);
        if (known == null) {
            known = new HashSet<>();
            for (Method method : type.getDeclaredMethods()) {
                if (executable(method)) {
                    known.add(signature(method));
                }
            }
            constrainedMethods.put(type, known);
        }
        return known;
    }

    private static String signature(Method method) {
        return method.getName() + "/" + method.getParameterCount();
    }

    /**
     * Could validating a value of this type (a request body) find a constraint? The validator
     * looks at the value's own class, so a declared type that a subclass could stand for (an
     * interface, an abstract or non-final class, the JDK's own such as {@code Serializable} or
     * {@code List} included: an app's mapper may be configured to create subtypes) counts as
     * constrained; records, enums and final classes are looked at, with their type arguments.
     */
    boolean type(Type type) {
        if (xmlMappings) {
            return true;
        }
        Class<?> raw = Types.raw(type);
        if (!raw.isPrimitive() && !raw.isArray() && !Modifier.isFinal(raw.getModifiers())) {
            return true;
        }
        return elements(type);
    }

    /** The type and its type arguments: a constraint anywhere in them counts. */
    private boolean elements(Type type) {
        return switch (type) {
            case Class<?> c -> bean(c);
            case ParameterizedType p -> bean(Types.raw(p)) || Arrays.stream(p.getActualTypeArguments()).anyMatch(this::elements);
            case GenericArrayType a -> elements(a.getGenericComponentType());
            case WildcardType w -> Arrays.stream(w.getUpperBounds()).anyMatch(this::elements);
            default -> true; // a type variable: its bounds are not worth guessing at
        };
    }

    private boolean bean(Class<?> type) {
        if (type.isArray()) {
            return bean(type.getComponentType());
        }
        if (type.isPrimitive() || jdk(type)) {
            return false; // Bean Validation has no annotations of its own on JDK classes
        }
        Boolean known = beans.get(type);
        if (known != null) {
            return known;
        }
        beans.put(type, false); // a type that refers to itself is answered by the walk under way
        boolean found = false;
        for (Class<?> k : hierarchy(type)) {
            if (declares(k)) {
                found = true;
                break;
            }
        }
        beans.put(type, found);
        return found;
    }

    private boolean declares(Class<?> type) {
        if (annotated(type.getAnnotations())) {
            return true;
        }
        for (Field field : type.getDeclaredFields()) {
            if (annotated(field.getAnnotations()) || annotated(field.getAnnotatedType())) {
                return true;
            }
        }
        return !constrainedMethods(type).isEmpty();
    }

    private boolean executable(Method method) {
        if (annotated(method.getAnnotations()) || annotated(method.getAnnotatedReturnType())) {
            return true;
        }
        for (java.lang.reflect.Parameter parameter : method.getParameters()) {
            if (annotated(parameter.getAnnotations()) || annotated(parameter.getAnnotatedType())) {
                return true;
            }
        }
        return false;
    }

    private boolean annotated(AnnotatedType type) {
        if (type == null) {
            return false;
        }
        if (annotated(type.getAnnotations())) {
            return true;
        }
        return switch (type) {
            case AnnotatedParameterizedType p -> Arrays.stream(p.getAnnotatedActualTypeArguments()).anyMatch(this::annotated);
            case AnnotatedArrayType a -> annotated(a.getAnnotatedGenericComponentType());
            case AnnotatedWildcardType w -> Arrays.stream(w.getAnnotatedUpperBounds()).anyMatch(this::annotated)
                    || Arrays.stream(w.getAnnotatedLowerBounds()).anyMatch(this::annotated);
            default -> false;
        };
    }

    private boolean annotated(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (validation(annotation.annotationType())) {
                return true;
            }
        }
        return false;
    }

    /** A Bean Validation annotation, a constraint, or a container of constraints. */
    private boolean validation(Class<? extends Annotation> type) {
        Boolean known = annotationTypes.get(type);
        if (known != null) {
            return known;
        }
        annotationTypes.put(type, false);
        boolean result = VALIDATION_PACKAGES.stream().anyMatch(type.getName()::startsWith)
                || type.isAnnotationPresent(Constraint.class)
                || containerOfValidation(type);
        annotationTypes.put(type, result);
        return result;
    }

    @SuppressWarnings("unchecked")
    private boolean containerOfValidation(Class<? extends Annotation> type) {
        try {
            Class<?> value = type.getMethod("value").getReturnType();
            return value.isArray() && value.getComponentType().isAnnotation()
                    && validation((Class<? extends Annotation>) value.getComponentType());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean jdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
    }

    /** The type, its superclasses (not Object) and every interface any of them implements. */
    private static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        List<Class<?>> pending = new ArrayList<>(List.of(type));
        while (!pending.isEmpty()) {
            Class<?> k = pending.removeLast();
            if (k == null || k == Object.class || all.contains(k)) {
                continue;
            }
            all.add(k);
            pending.add(k.getSuperclass());
            pending.addAll(List.of(k.getInterfaces()));
        }
        return all;
    }
}
