package io.gyre.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A routing trie over path segments: literal children first, then typed parameters (more
 * specific kinds first), then a trailing {@code path} parameter. Built at startup, then only
 * read (safe to share between threads).
 *
 * @param <T> what a route resolves to
 */
public final class Router<T> {
    private final Node<T> root = new Node<>();
    /*
     * Routes without parameters by their path as a request spells it ("/items/new"): a raw path
     * without percent-escapes that is a key here resolves to the node the trie walk would find
     * (a literal child is always tried first, and the node has routes), with no split or decode.
     */
    private final Map<String, Node<T>> literalPaths = new HashMap<>();

    /** The result of a lookup. */
    public sealed interface Result<T> permits Found, NotFound, MethodNotAllowed {
    }

    /** A route matched; {@code params} maps template names to decoded values. */
    public record Found<T>(T target, Map<String, String> params) implements Result<T> {
    }

    /** No route has this path. */
    public record NotFound<T>() implements Result<T> {
    }

    /** Routes have this path, not with this method. */
    public record MethodNotAllowed<T>(Set<String> allowed) implements Result<T> {
    }

    private static final class Node<T> {
        final Map<String, Node<T>> literals = new HashMap<>();
        final List<ParamEdge<T>> params = new ArrayList<>();
        final Map<String, Leaf<T>> methods = new LinkedHashMap<>();
    }

    /**
     * A route at a node: the target and the names of its parameters, in path order; a route
     * without parameters keeps its one result.
     */
    private record Leaf<T>(T target, List<String> names, Found<T> found) {
        Leaf(T target, List<String> names) {
            this(target, names, names.isEmpty() ? new Found<>(target, Map.of()) : null);
        }
    }

    private record ParamEdge<T>(PathTemplate.Kind kind, Node<T> child) {
    }

    /** Adds a route; throws if the same method and template shape is already there. */
    public void add(String method, PathTemplate template, T target) {
        Node<T> node = root;
        List<String> names = new ArrayList<>();
        StringBuilder literalPath = new StringBuilder();
        for (PathTemplate.Segment segment : template.segments()) {
            switch (segment) {
                case PathTemplate.Literal literal -> {
                    node = node.literals.computeIfAbsent(literal.text(), k -> new Node<>());
                    literalPath.append('/').append(literal.text());
                }
                case PathTemplate.Param param -> {
                    ParamEdge<T> edge = null;
                    for (ParamEdge<T> existing : node.params) {
                        if (existing.kind() == param.kind()) {
                            edge = existing;
                        }
                    }
                    if (edge == null) {
                        edge = new ParamEdge<>(param.kind(), new Node<>());
                        node.params.add(edge);
                        node.params.sort(Comparator.comparingInt(e -> rank(e.kind())));
                    }
                    names.add(param.name());
                    node = edge.child();
                }
            }
        }
        if (node.methods.containsKey(method)) {
            throw new IllegalArgumentException("two routes for " + method + " " + template.text()
                    + "; each method and path may have one handler");
        }
        node.methods.put(method, new Leaf<>(target, List.copyOf(names)));
        if (names.isEmpty() && literalPath.indexOf("%") < 0) {
            literalPaths.put(literalPath.isEmpty() ? "/" : literalPath.toString(), node);
        }
    }

    private static int rank(PathTemplate.Kind kind) {
        return switch (kind) {
            case UUID -> 0;
            case INT -> 1;
            case LONG -> 2;
            case STR -> 3;
            case PATH -> 4;
        };
    }

    /** Looks up a raw (not yet decoded) request path. HEAD falls back to GET. */
    public Result<T> match(String method, String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            Node<T> node = literalPaths.get(rawPath);
            if (node != null) {
                return result(method, node, List.of());
            }
        }
        return match(method, segments(rawPath));
    }

    /** Looks up decoded path segments. HEAD falls back to GET. */
    public Result<T> match(String method, List<String> segments) {
        ArrayList<String> values = new ArrayList<>(4);
        Node<T> node = find(root, segments, 0, values);
        if (node == null) {
            return new NotFound<>();
        }
        return result(method, node, values);
    }

    private Result<T> result(String method, Node<T> node, List<String> values) {
        Leaf<T> leaf = node.methods.get(method);
        if (leaf == null && method.equals("HEAD")) {
            leaf = node.methods.get("GET");
        }
        if (leaf == null) {
            Set<String> allowed = new TreeSet<>(node.methods.keySet());
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            return new MethodNotAllowed<>(allowed);
        }
        if (leaf.found() != null) {
            return leaf.found();
        }
        Map<String, String> params = new HashMap<>(values.size() * 2);
        for (int i = 0; i < values.size(); i++) {
            params.put(leaf.names().get(i), values.get(i));
        }
        return new Found<>(leaf.target(), params);
    }

    /** Depth-first: literal, then typed parameters by rank; {@code values} holds the parameter values on the way. */
    private Node<T> find(Node<T> node, List<String> segments, int index, ArrayList<String> values) {
        if (index == segments.size()) {
            return node.methods.isEmpty() ? null : node;
        }
        String segment = segments.get(index);
        Node<T> literal = node.literals.get(segment);
        if (literal != null) {
            Node<T> found = find(literal, segments, index + 1, values);
            if (found != null) {
                return found;
            }
        }
        for (ParamEdge<T> edge : node.params) {
            if (edge.kind() == PathTemplate.Kind.PATH) {
                String rest = String.join("/", segments.subList(index, segments.size()));
                if (!rest.isEmpty() && !edge.child().methods.isEmpty()) {
                    values.add(rest);
                    return edge.child();
                }
                continue;
            }
            if (edge.kind().matches(segment)) {
                values.add(segment);
                Node<T> found = find(edge.child(), segments, index + 1, values);
                if (found != null) {
                    return found;
                }
                values.removeLast();
            }
        }
        return null;
    }

    /**
     * Splits a raw path into percent-decoded segments; "/" has none, "/a/" has "a" and "". A
     * %2F decodes to a '/' inside its segment, which only a {@code path} parameter accepts; dot
     * segments are kept as sent (the server does not remove them).
     */
    public static List<String> segments(String rawPath) {
        String body = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (body.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(8);
        int start = 0;
        while (true) {
            int slash = body.indexOf('/', start);
            String part = slash < 0 ? body.substring(start) : body.substring(start, slash);
            out.add(PercentCodec.decode(part, false));
            if (slash < 0) {
                return out;
            }
            start = slash + 1;
        }
    }
}
