package dev.concert.web.security;

import dev.concert.web.error.ApiEndpoint;
import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import dev.concert.web.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.util.Optional;

/**
 * Validates the queue token of a protected endpoint and makes its user the request's caller
 * ({@link QueueCaller}). One status read of the store; no database.
 */
abstract class QueueTokenFilter implements ContainerRequestFilter {

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
            request.abortWith(Bearer.missing("Send your queue token as Authorization: Bearer <token>"));
            return;
        }
        // a request that needs an ACTIVE token asks the store: the view may still have a fan waiting whom
        // another instance admitted within the last second
        Optional<QueueView> view = waitingMayPass() ? queue.status(token.get()) : queue.currentStatus(token.get());
        if (view.isEmpty()) {
            if (mayReplay(request)) {
                caller.allowReplaysOnly();
                return;
            }
            request.abortWith(Bearer.invalid("The queue token is unknown or has lapsed: ask for a new one"));
            return;
        }
        request.setProperty(ApiEndpoint.USER, view.get().userId());   // for the access line, refused or not
        if (!view.get().isActive() && !waitingMayPass()) {
            request.abortWith(ErrorCode.TOKEN_NOT_ACTIVE.problem("You are still waiting in the queue, at position "
                    + view.get().position()).toResponse());
            return;
        }
        caller.identify(view.get());
    }

    /** A retry, with its key, of a write that answers retries after its token is gone. */
    private boolean mayReplay(ContainerRequestContext request) {
        String key = request.getHeaderString(ReplayableAfterTokenSpent.HEADER);
        return key != null && !key.isBlank() && resource != null && resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(ReplayableAfterTokenSpent.class);
    }

    private Optional<String> token(ContainerRequestContext request) {
        Optional<String> bearer = Bearer.credential(request);
        if (bearer.isPresent()) {
            return bearer.filter(value -> !value.isEmpty());
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
}
