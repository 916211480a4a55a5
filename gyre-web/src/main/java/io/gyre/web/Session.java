package io.gyre.web;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Optional;
import java.util.Set;

/**
 * The client's session: a small map of JSON values kept in a signed cookie by the
 * {@link Sessions} middleware, Starlette's {@code request.session}. Declare a parameter of this
 * type in a route (or ask {@code scope.get(Session.class)} in a provider) to receive it.
 *
 * {@snippet :
 * @Post("/login")
 * public WebResponse login(@Form String user, @Form String password, Session session) {
 *     Account account = accounts.check(user, password).orElseThrow(() -> new HttpException(401));
 *     session.put("account_id", account.id());
 *     return WebResponse.redirect("/", 303);
 * }
 *
 * @Get("/me")
 * public Account me(Session session) {
 *     long id = session.get("account_id", Long.class).orElseThrow(() -> new HttpException(401));
 *     return accounts.byId(id);
 * }
 * }
 *
 * <p>Values are converted with the app's JSON mapper when put, and read back as the type asked
 * for. {@code put} stores a copy: changing an object after putting it does not change the
 * session; put it again. The cookie is sent when the session changed (see {@link Sessions}).
 *
 * <p>The client holds the data: it can read it (it is signed, not encrypted) and keep an old
 * cookie. Keep secrets and large data on the server and store their id here.
 *
 * <p>Thread-safety: safe; each request has its own session.
 */
public interface Session {
    /**
     * Returns a value, converted to a type by the app's JSON mapper.
     *
     * @param <T> the type
     * @param key the key
     * @param type the type, such as {@code String.class} or a record
     * @return the value, or empty if the key is absent
     * @throws IllegalStateException if the stored value cannot be read as {@code type}
     */
    <T> Optional<T> get(String key, Class<T> type);

    /**
     * Returns a value of a generic type, such as {@code List<String>}, converted by the app's
     * JSON mapper.
     *
     * @param <T> the type
     * @param key the key
     * @param type the type, such as {@code new TypeReference<List<String>>() {}}
     * @return the value, or empty if the key is absent
     * @throws IllegalStateException if the stored value cannot be read as {@code type}
     */
    <T> Optional<T> get(String key, TypeReference<T> type);

    /**
     * Sets a value, written as JSON by the app's mapper now. Putting a value equal to the one
     * stored does not change the session.
     *
     * @param key the key
     * @param value the value; to remove a key, call {@link #remove(String)}
     * @throws IllegalArgumentException if the mapper cannot write the value as JSON, or if the
     *     session would then need a cookie larger than browsers keep (4096 bytes); the session
     *     is left as it was
     */
    void put(String key, Object value);

    /**
     * Removes a value.
     *
     * @param key the key
     * @return whether the key was present
     */
    boolean remove(String key);

    /**
     * Removes every value: the cookie is deleted when the response is sent (logout).
     */
    void clear();

    /**
     * Tells whether the session has a value for a key.
     *
     * @param key the key
     * @return whether the key is present
     */
    boolean contains(String key);

    /**
     * Tells whether the session is empty.
     *
     * @return true if there is no value
     */
    boolean isEmpty();

    /**
     * Returns the keys.
     *
     * @return the keys, in the order they were first put; a copy
     */
    Set<String> keys();
}
