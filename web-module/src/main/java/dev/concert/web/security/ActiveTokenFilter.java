package dev.concert.web.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/** {@link ActiveToken}: only admitted tokens pass; a waiting one is 403 {@code TOKEN_NOT_ACTIVE}. */
@Provider
@ActiveToken
@Priority(Priorities.AUTHENTICATION)
public class ActiveTokenFilter extends QueueTokenFilter {

    @Override
    boolean waitingMayPass() {
        return false;
    }
}
