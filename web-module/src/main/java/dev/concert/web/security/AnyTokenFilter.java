package dev.concert.web.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/** {@link AnyToken}: waiting and active tokens pass. */
@Provider
@AnyToken
@Priority(Priorities.AUTHENTICATION)
public class AnyTokenFilter extends QueueTokenFilter {

    @Override
    boolean waitingMayPass() {
        return true;
    }
}
