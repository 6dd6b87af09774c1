package dev.concert.web.security;

import dev.concert.application.queue.QueueService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** {@link LimitedWrites}: one count per write, per user, in the shared store; past the limit 429 with Retry-After. */
@Provider
@LimitedWrites
@Priority(Priorities.AUTHORIZATION)
public class WriteLimitFilter implements ContainerRequestFilter {

    @Inject
    QueueService queue;

    @Inject
    QueueCaller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        // a replay after its token was spent has no user: its retries are counted by their key
        queue.countWrite(caller.onlyReplays()
                ? "replay " + request.getHeaderString(ReplayableAfterTokenSpent.HEADER) : caller.userId());
    }
}
