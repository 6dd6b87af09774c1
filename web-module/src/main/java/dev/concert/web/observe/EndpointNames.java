package dev.concert.web.observe;

import dev.concert.web.error.ApiEndpoint;
import dev.concert.web.security.QueueCaller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Names the endpoint a request matched ({@link ApiEndpoint}) before any other filter can refuse it, and,
 * on the way out, notes which user the request spoke for when a token said so.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 500)
public class EndpointNames implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Pattern REGEX_OF_PARAMETER = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");
    private static final Map<Method, String> NAMES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Inject
    QueueCaller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method != null) {
            Class<?> type = resource.getResourceClass();
            request.setProperty(ApiEndpoint.ATTRIBUTE,
                    NAMES.computeIfAbsent(method, matched -> request.getMethod() + ' ' + template(type, matched)));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(ApiEndpoint.USER) == null) {
            caller.identified().ifPresent(userId -> request.setProperty(ApiEndpoint.USER, userId));
        }
    }

    /** "/api/concerts/{concertId}/dates" for a method of a resource class; regular expressions of parameters left out. */
    static String template(Class<?> type, Method method) {
        ApplicationPath application = dev.concert.web.api.ConcertApi.class.getAnnotation(ApplicationPath.class);
        StringBuilder path = new StringBuilder("/").append(application.value());
        for (Path part : new Path[] {type.getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
            if (part != null) {
                path.append('/').append(part.value());
            }
        }
        String joined = path.toString().replaceAll("/+", "/");
        joined = joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
        return REGEX_OF_PARAMETER.matcher(joined).replaceAll("{$1}");
    }
}
