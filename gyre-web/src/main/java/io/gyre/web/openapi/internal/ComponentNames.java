package io.gyre.web.openapi.internal;

import com.fasterxml.jackson.databind.JavaType;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stable component names: the simple class name ({@code Item}; {@code Page_Item} for a generic
 * record), or the qualified name ({@code com.example.shop.Item}) for every type whose simple
 * name is shared with another type or with a reserved name. Names depend only on the set of
 * types, never on the order they were met.
 */
final class ComponentNames {
    private ComponentNames() {
    }

    static Map<JavaType, String> assign(Collection<JavaType> types, Set<String> reserved) {
        Map<String, Integer> simpleCounts = new HashMap<>();
        for (JavaType type : types) {
            simpleCounts.merge(name(type, false), 1, Integer::sum);
        }
        Map<JavaType, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(reserved);
        for (JavaType type : types) {
            String simple = name(type, false);
            boolean shared = simpleCounts.get(simple) > 1 || reserved.contains(simple);
            String name = shared ? name(type, true) : simple;
            if (!taken.add(name)) {
                throw new IllegalStateException("internal error: two schema types are both named '" + name
                        + "' (please report)");
            }
            names.put(type, name);
        }
        return names;
    }

    private static String name(JavaType type, boolean qualified) {
        Class<?> raw = type.getRawClass();
        String base = qualified ? raw.getName().replace('$', '.') : raw.getSimpleName();
        if (type.containedTypeCount() > 0) {
            base += "_" + java.util.stream.IntStream.range(0, type.containedTypeCount())
                    .mapToObj(i -> argument(type.containedType(i), qualified)).collect(Collectors.joining("_"));
        }
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String argument(JavaType type, boolean qualified) {
        if (type.isContainerType() && type.getContentType() != null) {
            return (type.isMapLikeType() ? "Map" : "List") + "_" + argument(type.getContentType(), qualified);
        }
        return name(type, qualified);
    }
}
