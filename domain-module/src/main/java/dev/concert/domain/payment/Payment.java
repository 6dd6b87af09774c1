package dev.concert.domain.payment;

import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.shared.IdempotentRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A completed payment (결제) of one reservation. At most one per reservation (unique key), and at
 * most one per user and {@code Idempotency-Key}.
 */
@Entity
@Table(name = "payment")
public class Payment implements IdempotentRequest.Made {

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "reservation_id", nullable = false, length = 40)
    private String reservationId;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Column(nullable = false)
    private long amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PaymentStatus status;

    @Embedded
    private IdempotentRequest request;

    @Column(name = "paid_at", nullable = false)
    private Instant paidAt;

    protected Payment() {
        // for JPA
    }

    private Payment(Reservation reservation, Instant now) {
        this.id = "p-" + UUID.randomUUID();
        this.reservationId = reservation.id();
        this.userId = reservation.userId();
        this.amount = reservation.price();
        this.status = PaymentStatus.COMPLETED;
        this.paidAt = now;
    }

    /** The payment of a reservation's price, made at {@code now}. */
    public static Payment of(Reservation reservation, Instant now) {
        return new Payment(reservation, now);
    }

    /** Records the key and fingerprint of the request that made this payment. */
    public Payment requestedWith(String key, String fingerprint) {
        this.request = new IdempotentRequest(key, fingerprint);
        return this;
    }

    @Override
    public Optional<IdempotentRequest> request() {
        return Optional.ofNullable(request);
    }

    public String id() {
        return id;
    }

    public String reservationId() {
        return reservationId;
    }

    public String userId() {
        return userId;
    }

    public long amount() {
        return amount;
    }

    public PaymentStatus status() {
        return status;
    }

    public Instant paidAt() {
        return paidAt;
    }
}
