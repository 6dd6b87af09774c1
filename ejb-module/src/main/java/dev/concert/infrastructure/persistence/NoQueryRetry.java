package dev.concert.infrastructure.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a read that failed for want of the database — three times, five seconds apart,
 * by default — so a request that reads while the database is down hangs for ten seconds or more
 * before it fails. Here a lost database is answered at once (503 with Retry-After) and the client,
 * told when to come back, does the retrying; the fault-tolerance circuit (UsesDatabase) sees the
 * failure as it happens.
 */
public class NoQueryRetry implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        session.getLogin().setQueryRetryAttemptCount(0);
        session.getLogin().setDelayBetweenConnectionAttempts(0);
    }
}
