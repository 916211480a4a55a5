package io.gyre.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gyre.server.Handler;
import io.gyre.web.ExceptionHandler;
import io.gyre.web.HttpException;
import io.gyre.web.Lifespan;
import io.gyre.web.Middleware;
import io.gyre.web.Provider;
import io.gyre.web.SecurityScheme;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a {@code WebApp.Builder} collected. */
public record AppConfig(String title, String version, String description, List<Class<?>> routeClasses,
        List<Object> routeInstances, List<Lifespan.Setup> lifespans, Map<Class<?>, Provider<?>> providers,
        Map<Class<?>, SecurityScheme> securitySchemes, List<Middleware> middleware,
        Map<Class<? extends Throwable>, ExceptionHandler<Throwable>> exceptionHandlers,
        Map<Integer, ExceptionHandler<HttpException>> statusHandlers, Optional<ObjectMapper> mapper, boolean debug,
        boolean redirectSlashes, Duration shutdownTimeout, Map<String, Handler> mounts, long uploadMemoryThreshold,
        FormLimits formLimits, List<Class<?>> appDependencies) {
}
