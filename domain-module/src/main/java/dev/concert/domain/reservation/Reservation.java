package dev.concert.domain.reservation;

import dev.concert.domain.concert.Seat;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's hold on one seat and what became of it (좌석 예약). It changes its seat with it: a hold
 * holds the seat, a payment sells it, a lapse or a cancellation frees it. Every change happens with
 * the seat's row locked, so the reservation rows of a seat are guarded by the seat's lock.
 *
 * <p>{@code active_seat_id} is the seat's id while this reservation holds or owns the seat and null
 * otherwise; its unique key lets the database refuse a second live reservation of one seat even if
 * the application were wrong.
 */
@Entity
@Table(name = "reservation")
public class Reservation {

    @Id
    @Column(length = 40)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "seat_id")
    private Seat seat;

    @Column(name = "active_seat_id")
    private Long activeSeatId;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Column(nullable = false)
    private long price;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ReservationStatus status;

    @Column(name = "held_until", nullable = false)
    private Instant heldUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Reservation() {
        // for JPA
    }

    private Reservation(Seat seat, String userId, Instant now, Instant heldUntil) {
        this.id = "r-" + UUID.randomUUID();
        this.seat = seat;
        this.activeSeatId = seat.id();
        this.userId = userId;
        this.price = seat.price();
        this.status = ReservationStatus.HELD;
        this.heldUntil = heldUntil;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * Holds {@code seat} for {@code userId} for {@code holdFor} from {@code now}.
     *
     * @throws DomainException {@code SEAT_UNAVAILABLE} when the seat is sold or held by a live hold
     */
    public static Reservation hold(Seat seat, String userId, Instant now, Duration holdFor) {
        Instant until = now.plus(holdFor);
        seat.hold(userId, until, now);
        return new Reservation(seat, userId, now, until);
    }

    /**
     * How an answer names a reservation id a client sent: as it is when it has the shape of an id,
     * else not at all, so that an error never echoes arbitrary input back.
     */
    public static String named(String reservationId) {
        return reservationId != null && reservationId.matches("r-[0-9a-fA-F-]{1,38}")
                ? "Reservation " + reservationId : "That reservation";
    }

    /** The status at {@code now}: a hold whose time has passed is {@code EXPIRED}, swept or not. */
    public ReservationStatus statusAt(Instant now) {
        if (status == ReservationStatus.HELD && !now.isBefore(heldUntil)) {
            return ReservationStatus.EXPIRED;
        }
        return status;
    }

    public boolean isOwnedBy(String user) {
        return userId.equals(user);
    }

    /**
     * The hold is paid: the reservation is {@code CONFIRMED} and the seat {@code SOLD} to its user.
     *
     * @throws DomainException {@code ALREADY_PAID} when confirmed already; {@code HOLD_EXPIRED} when
     *                         the hold lapsed or was cancelled
     */
    public void confirm(Instant now) {
        requirePayable(now);
        seat.sell(userId);
        change(ReservationStatus.CONFIRMED, now);
    }

    /** Refuses a payment of anything but a live hold, with the reason the client needs. */
    public void requirePayable(Instant now) {
        switch (statusAt(now)) {
            case HELD -> {
                // payable
            }
            case CONFIRMED -> throw new DomainException(Reason.ALREADY_PAID, "Reservation " + id + " is paid already");
            case EXPIRED -> throw new DomainException(Reason.HOLD_EXPIRED,
                    "The hold of reservation " + id + " lapsed at " + heldUntil + "; hold the seat again");
            case CANCELLED -> throw new DomainException(Reason.HOLD_EXPIRED,
                    "Reservation " + id + " was cancelled; hold the seat again");
        }
    }

    /**
     * The hold ends before its time (the user let it go, or a payment was declined) and the seat is
     * free again. Only a live hold can be cancelled.
     *
     * @throws DomainException as {@link #requirePayable(Instant)}
     */
    public void cancel(Instant now) {
        requirePayable(now);
        seat.release();
        change(ReservationStatus.CANCELLED, now);
    }

    /** A lapsed hold is closed and its seat freed. Does nothing to a live or a closed reservation. */
    public boolean expire(Instant now) {
        if (status != ReservationStatus.HELD || now.isBefore(heldUntil)) {
            return false;
        }
        seat.release();
        change(ReservationStatus.EXPIRED, now);
        return true;
    }

    private void change(ReservationStatus next, Instant now) {
        this.status = next;
        this.updatedAt = now;
        this.activeSeatId = next == ReservationStatus.CONFIRMED ? seat.id() : null;
    }

    public String id() {
        return id;
    }

    public Seat seat() {
        return seat;
    }

    public String userId() {
        return userId;
    }

    public long price() {
        return price;
    }

    public Instant heldUntil() {
        return heldUntil;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
