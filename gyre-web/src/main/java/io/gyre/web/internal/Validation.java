package io.gyre.web.internal;

import io.gyre.web.ValidationError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bean Validation through Hibernate Validator without an expression language, and the mapping
 * of violations to FastAPI-shaped errors.
 */
public final class Validation {
    private Validation() {
    }

    /* Started on first use: apps whose routes declare no constraint never start it (ConstraintScan). */
    private static final class Holder {
        /* First, so it is in place before Hibernate Validator logs anything. */
        static final Logger BANNER = quietBanner();
        static final ValidatorFactory FACTORY = jakarta.validation.Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new DefaultsLeftOut(new ParameterMessageInterpolator()))
                .buildValidatorFactory();
        static final Validator VALIDATOR = FACTORY.getValidator();
    }

    /**
     * Leaves out the default messages that pydantic's wording replaces (see toError): not built
     * for nothing, and DecimalMin's and DecimalMax's, written for an expression language, would
     * log a warning on each violation.
     */
    private record DefaultsLeftOut(MessageInterpolator delegate) implements MessageInterpolator {
        @Override
        public String interpolate(String template, Context context) {
            return replaced(template, context) ? template : delegate.interpolate(template, context);
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return replaced(template, context) ? template : delegate.interpolate(template, context, locale);
        }

        private static boolean replaced(String template, Context context) {
            return PydanticErrors.isDefault(template)
                    && PydanticErrors.covers(context.getConstraintDescriptor().getAnnotation().annotationType());
        }
    }

    /** The logger of Hibernate Validator's version banner, as java.util.logging names it. */
    static final String BANNER_LOGGER = "org.hibernate.validator.internal.util.Version";

    /**
     * Hibernate Validator announces its version at INFO (HV000001) when it starts, through
     * java.util.logging unless the app uses another backend. That line says nothing an app needs,
     * and it comes before the server sets up Gyre's console format, so it would be the one line
     * in the JDK's two-line format. It is raised to WARNING unless the app configured
     * java.util.logging itself (a config file or class, or the console format), whose levels
     * then decide.
     *
     * @return the logger, held so that its level is not lost to garbage collection
     */
    private static Logger quietBanner() {
        Logger banner = Logger.getLogger(BANNER_LOGGER);
        // the same test as the server's console set-up: a config file or class, or a chosen format
        boolean configured = System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null
                || System.getProperty("java.util.logging.SimpleFormatter.format") != null;
        if (!configured && banner.getLevel() == null) {
            banner.setLevel(Level.WARNING);
        }
        return banner;
    }

    /** The shared validator (thread-safe), started on the first call. */
    public static Validator validator() {
        return Holder.VALIDATOR;
    }

    /** Maps violations of a bean validated at {@code loc}. */
    public static void addBeanViolations(Set<? extends ConstraintViolation<?>> violations, List<Object> loc,
            List<ValidationError> errors) {
        for (ConstraintViolation<?> violation : violations) {
            List<Object> here = new ArrayList<>(loc);
            appendPath(violation.getPropertyPath(), here, false);
            errors.add(toError(violation, here));
        }
    }

    /** Maps violations of method parameters; {@code locOf} gives the location of each parameter. */
    public static void addParameterViolations(Set<? extends ConstraintViolation<?>> violations,
            IntFunction<List<Object>> locOf, List<ValidationError> errors) {
        for (ConstraintViolation<?> violation : violations) {
            List<Object> here = new ArrayList<>();
            int index = -1;
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    index = node.as(Path.ParameterNode.class).getParameterIndex();
                    break;
                }
            }
            if (index >= 0) {
                here.addAll(locOf.apply(index));
            }
            appendPath(violation.getPropertyPath(), here, true);
            errors.add(toError(violation, here));
        }
    }

    private static void appendPath(Path path, List<Object> out, boolean skipToParameter) {
        boolean past = !skipToParameter;
        for (Path.Node node : path) {
            if (!past) {
                past = node.getKind() == ElementKind.PARAMETER;
                continue;
            }
            switch (node.getKind()) {
                case PROPERTY -> {
                    if (node.isInIterable()) {
                        addIndexOrKey(node, out);
                    }
                    out.add(node.getName());
                }
                case CONTAINER_ELEMENT -> {
                    if (node.isInIterable()) {
                        addIndexOrKey(node, out);
                    }
                }
                case BEAN -> {
                    if (node.isInIterable()) {
                        addIndexOrKey(node, out);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void addIndexOrKey(Path.Node node, List<Object> out) {
        if (node.getIndex() != null) {
            out.add(node.getIndex());
        } else if (node.getKey() != null) {
            out.add(String.valueOf(node.getKey()));
        }
    }

    private static ValidationError toError(ConstraintViolation<?> violation, List<Object> loc) {
        ConstraintDescriptor<?> descriptor = violation.getConstraintDescriptor();
        Object input = violation.getInvalidValue();
        String[] kind = PydanticErrors.of(descriptor.getAnnotation().annotationType(), descriptor.getAttributes(), input);
        String type = kind == null ? snake(descriptor.getAnnotation().annotationType().getSimpleName()) : kind[0];
        // the app's own message wins; the constraint's default one is replaced by pydantic's wording
        String msg = kind != null && PydanticErrors.isDefault(descriptor.getMessageTemplate()) ? kind[1]
                : violation.getMessage();
        return new ValidationError(type, loc, msg, Optional.ofNullable(input));
    }

    private static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
