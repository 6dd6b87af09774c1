package dev.concert.application.payment;

import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;

/**
 * A payment refused for a reason that still changes something: the balance was too low, so the hold
 * was cancelled and its seat freed. Declared in {@code ejb-jar.xml} as an application exception that
 * does <em>not</em> roll back, so the cancellation commits while the client is told why.
 */
public class PaymentDeclined extends DomainException {

    public PaymentDeclined(String message) {
        super(Reason.INSUFFICIENT_BALANCE, message);
    }
}
