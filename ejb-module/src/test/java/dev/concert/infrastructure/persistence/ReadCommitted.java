package dev.concert.infrastructure.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/** The isolation level the server's data source sets (Database), for the persistence unit in Java SE. */
public class ReadCommitted implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        session.getLogin().setTransactionIsolation(DatabaseLogin.TRANSACTION_READ_COMMITTED);
    }
}
