package dev.concert.infrastructure.persistence;

import java.sql.SQLIntegrityConstraintViolationException;

/** Tells a write the database refused by a constraint (unique key, check) from other failures. */
final class Constraints {

    private Constraints() {
    }

    static boolean violated(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
