package io.gyre.web;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

/**
 * A route as documentation generators and reverse routing see it.
 *
 * @param method the HTTP method
 * @param path the full path template, prefix included, such as {@code /items/{id}}
 * @param name the route's name, unique in the app
 * @param tags the tags (of the routes class, then of the method)
 * @param summary the summary, possibly empty
 * @param description the description, possibly empty
 * @param deprecated whether deprecated
 * @param status the status of a successful response
 * @param params the request-bound parameters (path, query, header, cookie, body), in order
 * @param returnType the handler's generic return type
 * @param security the security schemes of the route's security dependencies
 * @param handler the handler method
 */
public record RouteInfo(String method, String path, String name, List<String> tags, String summary, String description,
        boolean deprecated, int status, List<ParamInfo> params, Type returnType, List<SecurityScheme> security,
        Method handler) {
    /**
     * Copies the lists.
     *
     * @param method the method
     * @param path the path
     * @param name the name
     * @param tags the tags
     * @param summary the summary
     * @param description the description
     * @param deprecated whether deprecated
     * @param status the status
     * @param params the parameters
     * @param returnType the return type
     * @param security the security schemes
     * @param handler the handler
     */
    public RouteInfo {
        tags = List.copyOf(tags);
        params = List.copyOf(params);
        security = List.copyOf(security);
    }

    /**
     * Returns the body parameters: one for a whole body, several for embedded ones.
     *
     * @return the body parameters, possibly empty
     */
    public List<ParamInfo> bodyParams() {
        return params.stream().filter(p -> p.source() == ParamSource.BODY).toList();
    }

    /**
     * Returns the single whole-body type, if the route reads one.
     *
     * @return the body type
     */
    public Optional<Type> bodyType() {
        List<ParamInfo> body = bodyParams();
        return body.size() == 1 ? Optional.of(body.getFirst().type()) : Optional.empty();
    }
}
