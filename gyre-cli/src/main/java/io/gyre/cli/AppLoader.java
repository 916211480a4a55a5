package io.gyre.cli;

import io.gyre.server.Handler;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Finds the app named on the command line, like {@code uvicorn module:app}: {@code Class} or
 * {@code Class:member}.
 *
 * <p>{@code com.example.App:make} calls the static no-argument method {@code make} (or reads the
 * static field {@code make}) and expects a {@link Handler}. Without a member, a class that is a
 * Handler is instantiated with its no-argument constructor; otherwise its static {@code app()} or
 * {@code create()} method, or static {@code app} field, is used.
 */
public final class AppLoader {
    private AppLoader() {
    }

    /**
     * Loads the app.
     *
     * @param spec {@code com.example.App} or {@code com.example.App:member}
     * @param loader where to find the class
     * @return the handler
     * @throws IllegalArgumentException explaining what was looked for and how to fix it
     */
    public static Handler load(String spec, ClassLoader loader) {
        return load(spec, loader, "Check that it is on the class path.");
    }

    /** {@link #load(String, ClassLoader)}, saying where the class was looked for when it is not found. */
    static Handler load(String spec, ClassLoader loader, String lookedIn) {
        int colon = spec.indexOf(':');
        String className = colon < 0 ? spec : spec.substring(0, colon);
        String member = colon < 0 ? null : spec.substring(colon + 1);
        if (member != null && member.isEmpty()) {
            throw new IllegalArgumentException("app '" + spec + "' names no factory after ':'. Write "
                    + className + ":factory, or " + className + " alone to use its app()/create() factory.");
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot load app class '" + className + "': " + e
                    + ". Check the name (a fully qualified class, e.g. com.example.App; a nested class is"
                    + " com.example.Outer$Inner). " + lookedIn, e);
        } catch (UnsupportedClassVersionError e) {
            throw new IllegalArgumentException("app class '" + className + "' was found, but " + newerJava(e), e);
        } catch (ExceptionInInitializerError e) {
            throw new IllegalArgumentException("app class '" + className + "' was found, but its static"
                    + " initialization failed: " + (e.getCause() == null ? e : e.getCause())
                    + ". Fix the static fields or static block of " + className + ".", e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException("app class '" + className + "' was found, but cannot be loaded: " + e
                    + ". A class it uses is missing from the class path or was compiled against another"
                    + " version; rebuild the app and check its dependencies.", e);
        }
        if (member != null) {
            return fromMember(type, member, spec);
        }
        if (Handler.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
            try {
                return (Handler) type.getConstructor().newInstance();
            } catch (NoSuchMethodException e) {
                // fall through to factories
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot create app " + className + ": " + cause(e), e);
            }
        }
        for (String name : new String[] {"app", "create"}) {
            Handler h = tryMember(type, name, spec);
            if (h != null) {
                return h;
            }
        }
        throw new IllegalArgumentException("'" + className + "' is not an app: it is not a Handler with a public"
                + " no-argument constructor and has no static app()/create() method or static 'app' field returning"
                + " a Handler. Name the factory explicitly: " + className + ":myFactory");
    }

    private static Handler fromMember(Class<?> type, String member, String spec) {
        Handler h = tryMember(type, member, spec);
        if (h == null) {
            throw new IllegalArgumentException("app '" + spec + "': " + type.getName() + " has no public static method "
                    + member + "() or static field '" + member + "' returning a Handler");
        }
        return h;
    }

    private static Handler tryMember(Class<?> type, String name, String spec) {
        Object value = null;
        boolean found = false;
        try {
            Method m = type.getMethod(name);
            if (Modifier.isStatic(m.getModifiers())) {
                value = m.invoke(null);
                found = true;
            }
        } catch (NoSuchMethodException e) {
            // try a field
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("app factory " + type.getName() + "." + name + "() failed: "
                    + cause(e), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("app factory " + type.getName() + "." + name + "() is not accessible: "
                    + e.getMessage(), e);
        }
        if (!found) {
            try {
                Field f = type.getField(name);
                if (Modifier.isStatic(f.getModifiers())) {
                    value = f.get(null);
                    found = true;
                }
            } catch (NoSuchFieldException e) {
                return null;
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("app field " + type.getName() + "." + name + " is not accessible", e);
            }
        }
        if (!found) {
            return null;
        }
        if (!(value instanceof Handler h)) {
            throw new IllegalArgumentException("app '" + spec + "': " + type.getName() + "." + name + " gave "
                    + (value == null ? "null" : "a " + value.getClass().getName()) + ", not an io.gyre.server.Handler");
        }
        return h;
    }

    private static String cause(ReflectiveOperationException e) {
        Throwable c = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
        return switch (c) {
            case UnsupportedClassVersionError u -> newerJava(u);
            case NoClassDefFoundError n -> n + ". A class the app uses is missing: add the directory or jar that"
                    + " holds it to " + AppPath.FLAG;
            default -> c.toString();
        };
    }

    /** The message for a class file newer than this JVM, with the two ways out. */
    private static String newerJava(UnsupportedClassVersionError e) {
        int java = Runtime.version().feature();
        return "it (or a class it uses) was compiled for a newer Java than this JVM runs (Java " + java + "): "
                + e.getMessage() + ". Run gyre on that newer JDK (point JAVA_HOME at it), or compile the app for"
                + " this one with javac --release " + java + ".";
    }
}
