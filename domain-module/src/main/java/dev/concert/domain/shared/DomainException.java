package dev.concert.domain.shared;

import java.util.Objects;

/**
 * A business rule refused a request. The message is written for the API's client: it names the
 * thing refused and never carries internals. Declared an application exception (rollback) in the
 * EJB module's {@code ejb-jar.xml}, so the container neither wraps it nor discards the bean.
 */
public class DomainException extends RuntimeException {

    private final Reason reason;

    public DomainException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason);
    }

    public static DomainException notFound(String what) {
        return new DomainException(Reason.NOT_FOUND, what + " does not exist");
    }

    public static DomainException invalid(String message) {
        return new DomainException(Reason.VALIDATION_FAILED, message);
    }

    public Reason reason() {
        return reason;
    }
}
