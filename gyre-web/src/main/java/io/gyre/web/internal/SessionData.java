package io.gyre.web.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyre.web.Session;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request's session: JSON values, and whether the request changed them.
 *
 * <p>Thread-safety: {@code values} and {@code changed} are guarded by this. Stored nodes are
 * never changed once put (a put replaces the node), so a node read under the lock is converted
 * outside it, and so is a value being put: the mapper's (user) serializers run without the lock.
 */
public final class SessionData implements Session {
    private final ObjectMapper mapper;
    private final SessionCookie cookie;
    private final ObjectNode values;
    private boolean changed;

    /** The session a request's cookie held; {@code values} is owned from now on. */
    public SessionData(ObjectMapper mapper, SessionCookie cookie, ObjectNode values) {
        this.mapper = mapper;
        this.cookie = cookie;
        this.values = values;
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        return read(key, mapper.constructType(type), type);
    }

    @Override
    public <T> Optional<T> get(String key, TypeReference<T> type) {
        return read(key, mapper.constructType(type), type.getType());
    }

    private <T> Optional<T> read(String key, JavaType javaType, Type type) {
        JsonNode node;
        synchronized (this) {
            node = values.get(Objects.requireNonNull(key, "key"));
        }
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readerFor(javaType).readValue(node));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Session value for key '" + key + "' is a JSON " + node.getNodeType()
                    .name().toLowerCase(Locale.ROOT) + " that cannot be read as " + type.getTypeName() + " ("
                    + e.getMessage().lines().findFirst().orElse("") + "); read it as the type it was put with, or"
                    + " remove it when its shape changed", e);
        }
    }

    @Override
    public void put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            throw new NullPointerException("session.put(\"" + key + "\", null): remove a key with session.remove(\""
                    + key + "\")");
        }
        JsonNode node;
        try {
            node = mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Session value for key '" + key + "' (a " + value.getClass().getName()
                    + ") cannot be written as JSON by the app's ObjectMapper: " + e.getMessage().lines().findFirst()
                    .orElse("") + ". Store a String, a number, a boolean, a record, or a List or Map of them", e);
        }
        synchronized (this) {
            JsonNode old = values.get(key);
            if (node.equals(old)) {
                return;
            }
            values.set(key, node);
            Instant now = cookie.now();
            int length = cookie.storedLength(SessionCookie.json(mapper, values).length, now);
            if (length > SessionCookie.LIMIT) {
                if (old == null) {
                    values.remove(key);
                } else {
                    values.set(key, old);
                }
                throw new IllegalArgumentException("Session value for key '" + key + "' would make the session cookie '"
                        + cookie.name() + "' " + length + " bytes, over the " + SessionCookie.LIMIT + " bytes browsers"
                        + " keep (a browser drops a larger cookie without a word, and the whole session with it)."
                        + " Keep large data on the server (a database or a cache) and store its id in the session;"
                        + " the session was left as it was");
            }
            changed = true;
        }
    }

    @Override
    public synchronized boolean remove(String key) {
        boolean present = values.remove(Objects.requireNonNull(key, "key")) != null;
        changed |= present;
        return present;
    }

    @Override
    public synchronized void clear() {
        changed |= !values.isEmpty();
        values.removeAll();
    }

    @Override
    public synchronized boolean contains(String key) {
        return values.has(Objects.requireNonNull(key, "key"));
    }

    @Override
    public synchronized boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public synchronized Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        values.fieldNames().forEachRemaining(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    /** Whether a put, remove or clear changed the values. */
    public synchronized boolean changed() {
        return changed;
    }

    /** The values as compact JSON. */
    public synchronized byte[] json() {
        return SessionCookie.json(mapper, values);
    }

    @Override
    public synchronized String toString() {
        return "Session" + keys(); // the keys only: values may be personal data
    }
}
