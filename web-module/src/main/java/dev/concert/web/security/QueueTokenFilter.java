package dev.concert.web.security;

import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import dev.concert.web.error.ErrorCode;
import dev.concert.web.error.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Validates the queue token of a protected endpoint and makes its user the request's caller
 * ({@link QueueCaller}). One status read of the store; no database.
 */
abstract class QueueTokenFilter implements ContainerRequestFilter {

    static final String BEARER = "Bearer ";

    @Inject
    QueueService queue;

    @Inject
    QueueCaller caller;

    @Context
    ResourceInfo resource;

    /** Whether a waiting (not yet admitted) token may pass. */
    abstract boolean waitingMayPass();

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> token = token(request);
        if (token.isEmpty()) {
            request.abortWith(unauthorized(ErrorCode.TOKEN_MISSING,
                    "Send your queue token as Authorization: Bearer <token>", "Bearer"));
            return;
        }
        Optional<QueueView> view = queue.status(token.get());
        if (view.isEmpty()) {
            request.abortWith(unauthorized(ErrorCode.TOKEN_INVALID,
                    "The queue token is unknown or has lapsed: ask for a new one", "Bearer error=\"invalid_token\""));
            return;
        }
        if (!view.get().isActive() && !waitingMayPass()) {
            request.abortWith(ErrorCode.TOKEN_NOT_ACTIVE.problem("You are still waiting in the queue, at position "
                    + view.get().position()).toResponse());
            return;
        }
        caller.identify(view.get());
    }

    private Optional<String> token(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String value = header.substring(BEARER.length()).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
        if (resource != null && resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(TokenInQuery.class)) {
            String query = request.getUriInfo().getQueryParameters().getFirst("token");
            if (query != null && !query.isBlank()) {
                return Optional.of(query.strip());
            }
        }
        return Optional.empty();
    }

    private static Response unauthorized(ErrorCode code, String detail, String challenge) {
        Problem problem = code.problem(detail);
        return problem.toResponseBuilder().header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
