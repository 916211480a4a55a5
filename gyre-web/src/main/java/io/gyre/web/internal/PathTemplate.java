package io.gyre.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed path template such as {@code /items/{id:long}/files/{rest:path}}.
 *
 * @param text the template as written (prefix included)
 * @param segments the segments, in order
 */
public record PathTemplate(String text, List<Segment> segments) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The kinds of typed template segments. */
    public enum Kind {
        STR, INT, LONG, UUID, PATH;

        /**
         * Whether a decoded segment fits this kind. A one-segment kind never matches a value
         * with a '/' (sent as %2F): routes match the decoded path, as in Starlette, where such
         * a value would span two segments. Only PATH takes slashes (the router joins the rest).
         */
        boolean matches(String value) {
            return switch (this) {
                case STR -> !value.isEmpty() && value.indexOf('/') < 0;
                case PATH -> !value.isEmpty();
                case INT, LONG -> isDigits(value) && fits(value);
                case UUID -> value.length() == 36 && isUuid(value);
            };
        }

        private boolean fits(String value) {
            try {
                if (this == INT) {
                    Integer.parseInt(value);
                } else {
                    Long.parseLong(value);
                }
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static boolean isDigits(String value) {
            if (value.isEmpty()) {
                return false;
            }
            int start = value.charAt(0) == '-' && value.length() > 1 ? 1 : 0;
            for (int i = start; i < value.length(); i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isUuid(String value) {
            try {
                java.util.UUID.fromString(value);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** One segment: a literal, or a named parameter of a kind. */
    public sealed interface Segment permits Literal, Param {
    }

    /** A literal segment. */
    public record Literal(String text) implements Segment {
    }

    /** A parameter segment. */
    public record Param(String name, Kind kind) implements Segment {
    }

    /** Parses a template; {@code where} names the route for error messages. */
    public static PathTemplate parse(String text, String where) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException(where + ": path '" + text + "' must start with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        String body = text.substring(1);
        if (!body.isEmpty()) {
            String[] parts = body.split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.startsWith("{") && part.endsWith("}")) {
                    String inner = part.substring(1, part.length() - 1);
                    int colon = inner.indexOf(':');
                    String name = colon < 0 ? inner : inner.substring(0, colon);
                    String kindText = colon < 0 ? "str" : inner.substring(colon + 1);
                    if (!NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException(where + ": path '" + text + "' has an invalid parameter name '"
                                + name + "'; use letters, digits and underscores");
                    }
                    Kind kind = switch (kindText) {
                        case "str" -> Kind.STR;
                        case "int" -> Kind.INT;
                        case "long" -> Kind.LONG;
                        case "uuid" -> Kind.UUID;
                        case "path" -> Kind.PATH;
                        default -> throw new IllegalArgumentException(where + ": path '" + text
                                + "' has an unknown parameter type '" + kindText + "'; use str, int, long, uuid or path");
                    };
                    if (kind == Kind.PATH && i != parts.length - 1) {
                        throw new IllegalArgumentException(where + ": path '" + text
                                + "': a {name:path} parameter must be the last segment");
                    }
                    if (!names.add(name)) {
                        throw new IllegalArgumentException(where + ": path '" + text + "' names '" + name + "' twice");
                    }
                    segments.add(new Param(name, kind));
                } else if (part.contains("{") || part.contains("}")) {
                    throw new IllegalArgumentException(where + ": path '" + text + "' segment '" + part
                            + "' mixes text and a parameter; a parameter must be a whole segment such as /{id}");
                } else {
                    segments.add(new Literal(part));
                }
            }
        }
        return new PathTemplate(text, List.copyOf(segments));
    }

    /** Joins a prefix and a relative template. */
    public static String join(String prefix, String path) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (path.isEmpty()) {
            return p.isEmpty() ? "/" : p;
        }
        return p + (path.startsWith("/") ? path : "/" + path);
    }

    /** The names of the parameter segments. */
    public Set<String> paramNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Segment segment : segments) {
            if (segment instanceof Param param) {
                names.add(param.name());
            }
        }
        return names;
    }

    /** Builds a path from this template and values, percent-encoding each value. */
    public String expand(Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            out.append('/');
            switch (segment) {
                case Literal literal -> out.append(literal.text());
                case Param param -> {
                    Object value = values.get(param.name());
                    if (value == null) {
                        throw new IllegalArgumentException("path '" + text + "' needs a value for '" + param.name()
                                + "'; given: " + values.keySet());
                    }
                    out.append(param.kind() == Kind.PATH
                            ? PercentCodec.encodePath(value.toString())
                            : PercentCodec.encodeSegment(value.toString()));
                }
            }
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
