package dev.concert.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cross-origin calls of the API, off unless {@code cors.allowed-origins} names the origins (exact,
 * comma-separated, e.g. {@code https://tickets.example.com}). For an allowed origin: its preflight is
 * answered here (204) and its answers say it may read them; any other origin gets no CORS header, so
 * browsers keep their same-origin rule. Credentials are bearer headers, never cookies: no
 * {@code Allow-Credentials}.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class Cors extends HttpFilter {

    static final String METHODS = "GET, POST, PUT, DELETE";
    static final String HEADERS = "Authorization, Content-Type, Idempotency-Key, If-None-Match";
    static final String EXPOSED = "Location, ETag, Retry-After";

    @Inject
    @ConfigProperty(name = "cors.allowed-origins")
    Optional<String> configured;

    private Set<String> allowed = Set.of();

    @Override
    public void init() {
        allowed = parse(configured == null ? null : configured.orElse(null));
    }

    static Set<String> parse(String origins) {
        if (origins == null) {
            return Set.of();
        }
        return Arrays.stream(origins.split(",")).map(String::strip).filter(origin -> !origin.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null || !allowed.contains(origin)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.addHeader("Vary", "Origin");
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", METHODS);
            response.setHeader("Access-Control-Allow-Headers", HEADERS);
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setHeader("Access-Control-Expose-Headers", EXPOSED);
        chain.doFilter(request, response);
    }
}
