package dev.concert.web.observe;

import dev.concert.web.error.ApiEndpoint;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Names the endpoint a request matched ({@link ApiEndpoint}) before any other filter can refuse it. Runs
 * on every API request, the status polls included: one lookup of the matched method, no CDI bean.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 500)
public class EndpointNames implements ContainerRequestFilter {

    private static final Pattern REGEX_OF_PARAMETER = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");
    private static final Map<Method, String> NAMES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        // Jersey's UriInfo of the request is also its ResourceInfo: asked directly, not through the injected proxy
        ResourceInfo matched = request.getUriInfo() instanceof ResourceInfo info ? info : resource;
        Method method = matched.getResourceMethod();
        if (method != null) {
            String name = NAMES.get(method);
            if (name == null) {
                Class<?> type = matched.getResourceClass();
                name = NAMES.computeIfAbsent(method, found -> httpMethod(found) + ' ' + template(type, found));
            }
            request.setProperty(ApiEndpoint.ATTRIBUTE, name);
        }
    }

    /** The HTTP method a resource method answers (a HEAD request to a GET method goes under GET). */
    static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return "ANY";   // a sub-resource locator
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
