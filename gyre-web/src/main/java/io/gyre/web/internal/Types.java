package io.gyre.web.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Optional;

/** Small helpers over {@link Type}. */
public final class Types {
    private Types() {
    }

    /** The raw class of a type. */
    public static Class<?> raw(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> raw(p.getRawType());
            case GenericArrayType a -> raw(a.getGenericComponentType()).arrayType();
            case WildcardType w -> raw(w.getUpperBounds()[0]);
            case TypeVariable<?> v -> raw(v.getBounds()[0]);
            default -> Object.class;
        };
    }

    /** The first type argument, if the type is parameterized. */
    public static Optional<Type> argument(Type type) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > 0
                ? Optional.of(p.getActualTypeArguments()[0])
                : Optional.empty();
    }
}
