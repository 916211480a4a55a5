package io.gyre.web.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.gyre.web.BackgroundTasks;
import io.gyre.web.Body;
import io.gyre.web.Cookie;
import io.gyre.web.Default;
import io.gyre.web.File;
import io.gyre.web.Form;
import io.gyre.web.Delete;
import io.gyre.web.Depends;
import io.gyre.web.Get;
import io.gyre.web.Header;
import io.gyre.web.JsonWebSocket;
import io.gyre.web.ParamInfo;
import io.gyre.web.ParamSource;
import io.gyre.web.Patch;
import io.gyre.web.PathParam;
import io.gyre.web.Post;
import io.gyre.web.Put;
import io.gyre.web.Query;
import io.gyre.web.RequestScope;
import io.gyre.web.ResponseBody;
import io.gyre.web.RouteInfo;
import io.gyre.web.Routes;
import io.gyre.web.SecurityScheme;
import io.gyre.web.UploadedFile;
import io.gyre.web.WebRequest;
import io.gyre.web.WebResponse;
import io.gyre.web.WebSocketRoute;
import io.gyre.server.WebSocketSession;
import jakarta.validation.Valid;
import jakarta.validation.metadata.MethodDescriptor;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a routes class into compiled routes: reads the annotations, classifies each parameter
 * by FastAPI's rules, and builds binders and a method handle once, at startup.
 */
final class RouteCompiler {
    private final ObjectMapper mapper;
    private final Dependencies dependencies;
    private final Function<Class<?>, Optional<SecurityScheme>> securityOf;
    private final ConstraintScan constraints;
    private final List<Class<?>> appDependencies;
    private boolean validates;

    /** With {@code appDependencies} resolved for every route, before its class's and its own. */
    RouteCompiler(ObjectMapper mapper, Dependencies dependencies, Function<Class<?>, Optional<SecurityScheme>> securityOf,
            List<Class<?>> appDependencies) {
        this.mapper = mapper;
        this.dependencies = dependencies;
        this.securityOf = securityOf;
        this.constraints = new ConstraintScan();
        this.appDependencies = List.copyOf(appDependencies);
    }

    /** Tells whether a route compiled so far validates anything (and so needs the validator). */
    boolean validates() {
        return validates;
    }

    /** The pseudo-method of WebSocket routes. */
    static final String WEBSOCKET = "WEBSOCKET";

    private record Verb(String method, String path, int status, String name, String summary, String description,
            boolean deprecated, String[] tags) {
    }

    List<CompiledRoute> compile(Class<?> routes) {
        String where = routes.getName();
        if (!Modifier.isPublic(routes.getModifiers())) {
            throw new IllegalArgumentException("Routes class " + where + " is not public; make it public so its"
                    + " handlers can be called");
        }
        Routes annotation = routes.getAnnotation(Routes.class);
        String prefix = annotation == null ? "" : annotation.prefix();
        List<String> classTags = annotation == null ? List.of() : List.of(annotation.tags());
        Set<Class<?>> eager = new LinkedHashSet<>(appDependencies); // the app's first, each once
        if (annotation != null) {
            eager.addAll(List.of(annotation.dependencies()));
        }
        List<Class<?>> classDeps = List.copyOf(eager);
        List<CompiledRoute> out = new ArrayList<>();
        for (Method method : routes.getDeclaredMethods()) {
            Optional<Verb> verb = verb(method);
            if (verb.isEmpty()) {
                continue;
            }
            String name = routes.getSimpleName() + "." + method.getName();
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
                throw new IllegalArgumentException(name + " is annotated @" + verb.get().method().charAt(0)
                        + verb.get().method().substring(1).toLowerCase(java.util.Locale.ROOT)
                        + " but is not a public instance method; make it public and not static");
            }
            out.add(compileMethod(routes, method, verb.get(), prefix, classTags, classDeps));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Routes class " + where + " has no route methods; annotate public methods"
                    + " with @Get, @Post, @Put, @Delete or @Patch");
        }
        return out;
    }

    private static Optional<Verb> verb(Method m) {
        if (m.getAnnotation(Get.class) instanceof Get a) {
            return Optional.of(new Verb("GET", a.value(), a.status(), a.name(), a.summary(), a.description(),
                    a.deprecated(), a.tags()));
        }
        if (m.getAnnotation(Post.class) instanceof Post a) {
            return Optional.of(new Verb("POST", a.value(), a.status(), a.name(), a.summary(), a.description(),
                    a.deprecated(), a.tags()));
        }
        if (m.getAnnotation(Put.class) instanceof Put a) {
            return Optional.of(new Verb("PUT", a.value(), a.status(), a.name(), a.summary(), a.description(),
                    a.deprecated(), a.tags()));
        }
        if (m.getAnnotation(Delete.class) instanceof Delete a) {
            return Optional.of(new Verb("DELETE", a.value(), a.status(), a.name(), a.summary(), a.description(),
                    a.deprecated(), a.tags()));
        }
        if (m.getAnnotation(Patch.class) instanceof Patch a) {
            return Optional.of(new Verb("PATCH", a.value(), a.status(), a.name(), a.summary(), a.description(),
                    a.deprecated(), a.tags()));
        }
        if (m.getAnnotation(WebSocketRoute.class) instanceof WebSocketRoute a) {
            return Optional.of(new Verb(WEBSOCKET, a.value(), 0, a.name(), "", "", false, new String[0]));
        }
        return Optional.empty();
    }

    private CompiledRoute compileMethod(Class<?> owner, Method method, Verb verb, String prefix, List<String> classTags,
            List<Class<?>> classDeps) {
        String where = owner.getSimpleName() + "." + method.getName();
        Parameter[] parameters = method.getParameters();
        for (Parameter parameter : parameters) {
            if (!parameter.isNamePresent()) {
                throw new IllegalStateException(owner.getName() + " was compiled without -parameters, so the names of "
                        + where + "'s parameters are unknown (" + parameter.getName() + ") and cannot be bound to the"
                        + " path, query or headers. Compile with 'javac -parameters' (Maven: <parameters>true</parameters>"
                        + " in maven-compiler-plugin's configuration; Gradle: options.compilerArgs << '-parameters')");
            }
        }
        String fullPath = PathTemplate.join(prefix, verb.path());
        PathTemplate template = PathTemplate.parse(fullPath, where);
        Set<String> templateNames = new LinkedHashSet<>(template.paramNames());

        Binder[] binders = new Binder[parameters.length];
        List<ParamInfo> params = new ArrayList<>();
        List<Class<?>> required = new ArrayList<>(classDeps);
        Set<SecurityScheme> security = new LinkedHashSet<>(); // the app's and the class's first, each once
        for (Class<?> dep : classDeps) {
            securityOf.apply(dep).ifPresent(security::add);
        }
        List<List<Object>> locs = new ArrayList<>();
        List<CompiledRoute.BodyValidation> bodyValidations = new ArrayList<>();
        MethodDescriptor descriptor = constraints.method(method)
                ? Validation.validator().getConstraintsForClass(owner)
                        .getConstraintsForMethod(method.getName(), method.getParameterTypes())
                : null;
        boolean validateParameters = descriptor != null && (descriptor.hasConstrainedParameters()
                || descriptor.getParameterDescriptors().stream().anyMatch(p -> !p.getConstrainedContainerElementTypes().isEmpty()));
        int bodyCount = 0;
        for (Parameter parameter : parameters) {
            if (isBody(parameter, templateNames) && !parameter.isAnnotationPresent(PathParam.class)) {
                bodyCount++;
            }
        }
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Type type = parameter.getParameterizedType();
            Class<?> raw = parameter.getType();
            String pname = parameter.getName();
            List<Annotation> annotations = List.of(parameter.getAnnotations());
            if (raw == WebRequest.class || raw == RequestScope.class || raw == BackgroundTasks.class
                    || raw == RequestState.class) {
                binders[i] = (request, errors) -> request;
                locs.add(List.of());
                continue;
            }
            if (raw == WebSocketSession.class || raw == JsonWebSocket.class) {
                if (!verb.method().equals(WEBSOCKET)) {
                    throw new IllegalArgumentException(where + ": a " + raw.getSimpleName() + " parameter needs"
                            + " @WebSocketRoute");
                }
                binders[i] = raw == WebSocketSession.class ? (request, errors) -> request.session()
                        : (request, errors) -> new JsonSocket(request.session(), request.mapper());
                locs.add(List.of());
                continue;
            }
            if (parameter.isAnnotationPresent(Depends.class) || isDependency(parameter, templateNames)) {
                Class<?> dependency = raw;
                binders[i] = (request, errors) -> CompiledRoute.resolve(request, dependency, errors);
                required.add(dependency);
                securityOf.apply(dependency).ifPresent(security::add);
                locs.add(List.of());
                continue;
            }
            Optional<String> defaultText = parameter.getAnnotation(Default.class) instanceof Default d
                    ? Optional.of(d.value()) : Optional.empty();
            if (parameter.isAnnotationPresent(File.class) || fileValued(parameter)) {
                File file = parameter.getAnnotation(File.class);
                String field = file != null && !file.value().isEmpty() ? file.value() : pname;
                SimpleBinder.Shape shape = raw == Optional.class ? SimpleBinder.Shape.OPTIONAL
                        : List.class == raw ? SimpleBinder.Shape.LIST : SimpleBinder.Shape.SINGLE;
                Class<?> valueClass = shape == SimpleBinder.Shape.SINGLE ? raw : Types.raw(Types.argument(type).orElse(Object.class));
                if (valueClass != UploadedFile.class) {
                    throw new IllegalArgumentException(where + ": @File parameter '" + pname + "' must be an UploadedFile,"
                            + " an Optional<UploadedFile> or a List<UploadedFile>, not " + type.getTypeName());
                }
                binders[i] = new FileBinder(field, shape);
                locs.add(List.of("body", field));
                params.add(new ParamInfo(field, ParamSource.FILE, type, shape == SimpleBinder.Shape.SINGLE,
                        Optional.empty(), annotations));
                continue;
            }
            if (isBody(parameter, templateNames) && !parameter.isAnnotationPresent(PathParam.class)) {
                Body body = parameter.getAnnotation(Body.class);
                Optional<String> embed = body != null && !body.value().isEmpty() ? Optional.of(body.value())
                        : bodyCount > 1 ? Optional.of(pname) : Optional.empty();
                boolean optional = raw == Optional.class;
                Type valueType = optional ? Types.argument(type).orElse(Object.class) : type;
                checkReadable(where, pname, valueType);
                BodyBinder binder = new BodyBinder(mapper, embed, optional, valueType);
                binders[i] = binder;
                locs.add(binder.loc());
                params.add(new ParamInfo(embed.orElse(pname), ParamSource.BODY, type, !optional, Optional.empty(),
                        annotations));
                if (!(validateParameters && parameter.isAnnotationPresent(Valid.class)) && constraints.type(valueType)) {
                    bodyValidations.add(new CompiledRoute.BodyValidation(i, binder.loc()));
                }
                continue;
            }
            ParamSource source;
            String wireName;
            if (parameter.getAnnotation(PathParam.class) instanceof PathParam p) {
                source = ParamSource.PATH;
                wireName = p.value().isEmpty() ? pname : p.value();
            } else if (parameter.getAnnotation(Query.class) instanceof Query q) {
                source = ParamSource.QUERY;
                wireName = q.value().isEmpty() ? pname : q.value();
            } else if (parameter.getAnnotation(Header.class) instanceof Header h) {
                source = ParamSource.HEADER;
                wireName = h.value().isEmpty() ? headerName(pname) : h.value();
            } else if (parameter.getAnnotation(Cookie.class) instanceof Cookie c) {
                source = ParamSource.COOKIE;
                wireName = c.value().isEmpty() ? pname : c.value();
            } else if (parameter.getAnnotation(Form.class) instanceof Form f) {
                source = ParamSource.FORM;
                wireName = f.value().isEmpty() ? pname : f.value();
            } else if (templateNames.contains(pname)) {
                source = ParamSource.PATH;
                wireName = pname;
            } else {
                source = ParamSource.QUERY;
                wireName = pname;
            }
            if (source == ParamSource.PATH && !templateNames.contains(wireName)) {
                throw new IllegalArgumentException(where + ": parameter '" + pname + "' is bound to path parameter '"
                        + wireName + "', but the path '" + fullPath + "' has only " + templateNames);
            }
            SimpleBinder.Shape shape = raw == Optional.class ? SimpleBinder.Shape.OPTIONAL
                    : List.class == raw || Collection.class == raw || Set.class == raw ? SimpleBinder.Shape.LIST
                    : SimpleBinder.Shape.SINGLE;
            Class<?> valueClass = shape == SimpleBinder.Shape.SINGLE ? raw : Types.raw(Types.argument(type).orElse(String.class));
            if (!Conversion.isSimple(valueClass)) {
                throw new IllegalArgumentException(where + ": parameter '" + pname + "' of type " + type.getTypeName()
                        + " cannot be read from the " + source.label() + "; use a simple type (String, a number, boolean,"
                        + " an enum, UUID, a java.time type, BigDecimal) or an Optional or List of one");
            }
            if (source == ParamSource.PATH) {
                templateNames.remove(wireName);
            }
            Object placeholder = Conversion.primitiveDefault(raw).orElse(null);
            Conversion.Converter converter = Conversion.forType(valueClass, mapper);
            Optional<Object> defaulted = defaultText.map(text -> convertDefault(where, pname, converter, shape, text));
            binders[i] = new SimpleBinder(source, wireName, converter, shape, defaulted, placeholder);
            locs.add(List.of(source.label(), wireName));
            boolean isRequired = shape == SimpleBinder.Shape.SINGLE && defaultText.isEmpty();
            params.add(new ParamInfo(wireName, source, type, source == ParamSource.PATH || isRequired, defaultText,
                    annotations));
        }
        if (!templateNames.isEmpty()) {
            throw new IllegalArgumentException(where + ": path '" + fullPath + "' names " + templateNames
                    + " but the method has no parameter for " + (templateNames.size() == 1 ? "it" : "them")
                    + "; add a parameter with that name (e.g. 'long " + templateNames.iterator().next() + "')");
        }
        int status = verb.status() != 0 ? verb.status() : method.getReturnType() == void.class ? 204 : 200;
        List<String> tags = new ArrayList<>(classTags);
        tags.addAll(Arrays.asList(verb.tags()));
        String name = verb.name().isEmpty() ? method.getName() : verb.name();
        RouteInfo info = new RouteInfo(verb.method(), fullPath, name, tags, verb.summary(), verb.description(),
                verb.deprecated(), status, params, method.getGenericReturnType(), List.copyOf(security), method);
        validates |= validateParameters || !bodyValidations.isEmpty();
        MethodHandle handle = handle(method, where);
        Optional<ObjectWriter> writer = writerFor(method.getGenericReturnType());
        List<List<Object>> locList = List.copyOf(locs);
        return new CompiledRoute(info, owner, method, handle, binders, List.copyOf(new LinkedHashSet<>(required)), classDeps,
                validateParameters, bodyValidations.toArray(CompiledRoute.BodyValidation[]::new), locList::get, writer);
    }

    private Optional<ObjectWriter> writerFor(Type returnType) {
        Class<?> raw = Types.raw(returnType);
        if (raw == void.class || raw == Object.class || raw == Optional.class || raw == String.class || raw == byte[].class
                || raw == WebResponse.class || ResponseBody.class.isAssignableFrom(raw) || Path.class.isAssignableFrom(raw)
                || raw.isInterface() && !Collection.class.isAssignableFrom(raw) && !Map.class.isAssignableFrom(raw)
                || !concrete(returnType)) {
            return Optional.empty(); // written by each value's runtime class
        }
        return Optional.of(mapper.writerFor(mapper.getTypeFactory().constructType(returnType)));
    }

    /**
     * Whether a writer typed for {@code type} writes every value whole: no element, key or value
     * type is an interface, an abstract class or unknown. A writer typed {@code List<Shape>}
     * writes each element as a {@code Shape}, which has no properties ({@code [{}]}), so such a
     * type is written by runtime class instead. Collections and maps themselves are containers.
     */
    private static boolean concrete(Type type) {
        return switch (type) {
            case Class<?> c when c.isArray() -> concrete(c.getComponentType());
            case Class<?> c -> c.isPrimitive() || c.isEnum()
                    || !c.isInterface() && !java.lang.reflect.Modifier.isAbstract(c.getModifiers());
            case java.lang.reflect.ParameterizedType p -> {
                Class<?> raw = Types.raw(p);
                boolean container = Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                        || raw == Optional.class;
                if (!container && !concrete(raw)) {
                    yield false;
                }
                for (Type argument : p.getActualTypeArguments()) {
                    if (!concrete(argument)) {
                        yield false;
                    }
                }
                yield true;
            }
            case java.lang.reflect.GenericArrayType g -> concrete(g.getGenericComponentType());
            default -> false; // a type variable or a wildcard: unknown until run time
        };
    }

    private static MethodHandle handle(Method method, String where) {
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflect(method);
            int n = method.getParameterCount();
            return handle.asType(MethodType.genericMethodType(n + 1))
                    .asSpreader(Object[].class, n);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(where + " cannot be called from gyre-web: " + e.getMessage()
                    + ". Make the class and method public, and export (or open) the package if it is in a named module",
                    e);
        }
    }

    private boolean isBody(Parameter parameter, Set<String> templateNames) {
        if (parameter.isAnnotationPresent(Body.class)) {
            return true;
        }
        if (parameter.isAnnotationPresent(Query.class) || parameter.isAnnotationPresent(Header.class)
                || parameter.isAnnotationPresent(Cookie.class) || parameter.isAnnotationPresent(Depends.class)
                || parameter.isAnnotationPresent(Form.class) || parameter.isAnnotationPresent(File.class)
                || fileValued(parameter) || templateNames.contains(parameter.getName())) {
            return false;
        }
        Class<?> raw = parameter.getType();
        if (raw == Optional.class) {
            raw = Types.raw(Types.argument(parameter.getParameterizedType()).orElse(Object.class));
        }
        if (dependencies.hasProvider(raw)) {
            return false;
        }
        if (raw.isRecord() || Map.class.isAssignableFrom(raw) || raw.isArray() && raw != byte[].class
                || sealedModels(raw)) {
            return true;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            Class<?> element = Types.raw(Types.argument(parameter.getParameterizedType()).orElse(Object.class));
            return !Conversion.isSimple(element);
        }
        return false;
    }

    /**
     * Refuses at start-up a body type the mapper can never read: an interface or abstract class
     * (also as the element of a collection, map, array or Optional, and as a record component at
     * any depth) with no type information, no mapping to a concrete type and no deserializer of
     * its own. Every request would fail with a 422 that blames the client otherwise.
     */
    private void checkReadable(String where, String pname, Type valueType) {
        checkReadable(where, pname, valueType, "", new HashSet<>());
    }

    private void checkReadable(String where, String pname, Type valueType, String field, Set<Class<?>> seen) {
        JavaType type = mapper.getTypeFactory().constructType(valueType);
        while (type.getContentType() != null) {
            type = type.getContentType();
        }
        Class<?> raw = type.getRawClass();
        if (raw.isRecord()) {
            if (seen.add(raw)) {
                for (RecordComponent component : raw.getRecordComponents()) {
                    if (!ownsItsReading(component)) {
                        checkReadable(where, pname, component.getGenericType(), field + "." + component.getName(), seen);
                    }
                }
            }
            return;
        }
        if (!type.isAbstract()) {
            return;
        }
        DeserializationConfig config = mapper.getDeserializationConfig();
        try {
            var context = ((DefaultDeserializationContext) mapper.getDeserializationContext()).createDummyInstance(config);
            if (context.findRootValueDeserializer(type) instanceof AbstractDeserializer
                    && context.getFactory().findTypeDeserializer(config, type) == null) {
                throw new IllegalArgumentException(where + ": body parameter '" + pname + "'"
                        + (field.isEmpty() ? "" : ", field '" + field.substring(1) + "',") + " of type "
                        + valueType.getTypeName() + " cannot be read from JSON: " + raw.getSimpleName() + " is "
                        + (raw.isInterface() ? "an interface" : "an abstract class")
                        + " without type information, so the mapper cannot tell which of its types to build."
                        + " Annotate it with @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION) and @JsonSubTypes listing"
                        + " its types (its JSON stays the same), or bind a concrete type");
            }
        } catch (JsonMappingException e) {
            // the mapper cannot even describe it: each request reports what it finds
        }
    }

    /**
     * A component the mapper is told how to read, or told to skip, so its declared type says
     * nothing: Jackson's annotations on a record component land on its field and accessor.
     */
    private static boolean ownsItsReading(RecordComponent component) {
        AnnotatedElement[] elements;
        try {
            elements = new AnnotatedElement[] {component.getAccessor(),
                    component.getDeclaringRecord().getDeclaredField(component.getName())};
        } catch (NoSuchFieldException e) {
            elements = new AnnotatedElement[] {component.getAccessor()};
        }
        for (AnnotatedElement element : elements) {
            if (element.isAnnotationPresent(JsonDeserialize.class) || element.isAnnotationPresent(JsonTypeInfo.class)
                    || element.isAnnotationPresent(JsonIgnore.class)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code type} is a sealed type whose permitted subtypes are all records (or sealed
     * types of records): a union of models, which is a body as in FastAPI, without {@code @Body}.
     */
    private static boolean sealedModels(Class<?> type) {
        if (!type.isSealed()) {
            return false;
        }
        for (Class<?> sub : type.getPermittedSubclasses()) {
            if (!sub.isRecord() && !sealedModels(sub)) {
                return false;
            }
        }
        return true;
    }

    private boolean isDependency(Parameter parameter, Set<String> templateNames) {
        Class<?> raw = parameter.getType();
        if (dependencies.hasProvider(raw)) {
            return true;
        }
        if (isBody(parameter, templateNames) || templateNames.contains(parameter.getName()) || fileValued(parameter)
                || parameter.isAnnotationPresent(Form.class) || parameter.isAnnotationPresent(File.class)
                || parameter.isAnnotationPresent(Query.class) || parameter.isAnnotationPresent(Header.class)
                || parameter.isAnnotationPresent(Cookie.class) || parameter.isAnnotationPresent(PathParam.class)) {
            return false;
        }
        if (raw == Optional.class || Collection.class.isAssignableFrom(raw)) {
            return false;
        }
        return !Conversion.isSimple(raw) && !raw.isPrimitive();
    }

    /**
     * Converts a {@code @Default} once, into what the parameter binds when the request lacks it:
     * the value, an Optional of it, or a List of its comma-separated parts. A default the type
     * refuses is refused at start-up: it would fail every request that leaves the value out.
     */
    private static Object convertDefault(String where, String pname, Conversion.Converter converter,
            SimpleBinder.Shape shape, String text) {
        List<Object> values = new ArrayList<>();
        for (String part : shape == SimpleBinder.Shape.LIST ? text.split(",") : new String[] {text}) {
            try {
                values.add(converter.convert(part));
            } catch (Conversion.Failed e) {
                throw new IllegalArgumentException(where + ": @Default(\"" + text + "\") of parameter '" + pname
                        + "' is not a value of its type (" + e.getMessage() + "); give a default the parameter accepts");
            }
        }
        return switch (shape) {
            case LIST -> List.copyOf(values);
            case OPTIONAL -> Optional.of(values.getFirst());
            case SINGLE -> values.getFirst();
        };
    }

    /** An {@code UploadedFile}, or an Optional or List of one, is a file part without annotation. */
    private static boolean fileValued(Parameter parameter) {
        Class<?> raw = parameter.getType();
        if (raw == UploadedFile.class) {
            return true;
        }
        return (raw == Optional.class || raw == List.class)
                && Types.raw(Types.argument(parameter.getParameterizedType()).orElse(Object.class)) == UploadedFile.class;
    }

    /** {@code user_agent} and {@code userAgent} read {@code user-agent}. */
    static String headerName(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (c == '_') {
                out.append('-');
            } else if (Character.isUpperCase(c) && i > 0 && javaName.charAt(i - 1) != '_') {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
