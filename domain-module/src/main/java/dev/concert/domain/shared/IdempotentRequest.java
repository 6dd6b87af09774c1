package dev.concert.domain.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Optional;

/**
 * The request that made a record under an {@code Idempotency-Key}: the key and the request's
 * fingerprint ({@link IdempotencyKey#fingerprint}), kept with the payment or ledger entry it made. A
 * later request with the same key is a retry when its fingerprint is the same, and a conflict when not.
 */
@Embeddable
public class IdempotentRequest {

    @Column(name = "idempotency_key", length = IdempotencyKey.MAX_LENGTH)
    private String key;

    @Column(name = "request_hash", length = 64)
    private String fingerprint;

    protected IdempotentRequest() {
        // for JPA
    }

    public IdempotentRequest(String key, String fingerprint) {
        this.key = key;
        this.fingerprint = fingerprint;
    }

    /** A record made by a request that may carry an Idempotency-Key. */
    public interface Made {

        /** The request that made the record; empty when it carried no key. */
        Optional<IdempotentRequest> request();

        /** Whether a request with this fingerprint is a retry of the one that made this record. */
        default boolean madeBy(String fingerprint) {
            return request().filter(request -> fingerprint.equals(request.fingerprint)).isPresent();
        }

        /** Whether the request that made this record carried this key. */
        default boolean madeWithKey(String key) {
            return request().filter(request -> key.equals(request.key)).isPresent();
        }
    }

    /**
     * What a request with a key gets when {@code first} is what that key made before: the first record again
     * when the request is a retry of it (the same fingerprint), nothing when the key is new.
     *
     * @throws DomainException {@code IDEMPOTENCY_CONFLICT} when the key made something else
     */
    public static <T extends Made> Optional<T> retryOf(Optional<T> first, String fingerprint) {
        if (first.isPresent() && !first.get().madeBy(fingerprint)) {
            throw IdempotencyKey.conflict();
        }
        return first;
    }
}
