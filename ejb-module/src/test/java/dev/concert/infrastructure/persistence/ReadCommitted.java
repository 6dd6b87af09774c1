package dev.concert.infrastructure.persistence;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/** The isolation level the server's data source sets (Database), for the persistence unit in Java SE; no query retry, as on the server. */
public class ReadCommitted extends NoQueryRetry {

    @Override
    public void customize(Session session) {
        super.customize(session);
        session.getLogin().setTransactionIsolation(DatabaseLogin.TRANSACTION_READ_COMMITTED);
    }
}
