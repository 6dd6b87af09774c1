package dev.concert.domain.concert;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import java.time.Instant;

/**
 * One seat of one concert date. The row is the unit of the seat-level race: a hold or a sale locks
 * it ({@code PESSIMISTIC_WRITE}) and the unique key (concert date, number) keeps a seat from existing twice.
 */
@Entity
@Table(name = "seat")
public class Seat {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "concert_date_id")
    private ConcertDate concertDate;

    @Column(name = "seat_number", nullable = false)
    private int number;

    @Column(nullable = false)
    private long price;

    @Embedded
    private SeatPlace place;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private SeatStatus status;

    @Column(name = "held_until")
    private Instant heldUntil;

    /** The user who holds or bought the seat; null while available. */
    @Column(name = "user_id", length = 36)
    private String userId;

    @Version
    private long version;

    protected Seat() {
        // for JPA
    }

    Seat(ConcertDate concertDate, SeatNumber number, long price, SeatPlace place) {
        this.concertDate = concertDate;
        this.number = number.value();
        this.price = price;
        this.place = place;
        this.status = SeatStatus.AVAILABLE;
    }

    /**
     * The status a fan sees at {@code now}: a hold lapses at {@code heldUntil} whether or not a
     * sweep has released it yet.
     */
    public SeatStatus statusAt(Instant now) {
        if (status == SeatStatus.HELD && (heldUntil == null || !now.isBefore(heldUntil))) {
            return SeatStatus.AVAILABLE;
        }
        return status;
    }

    public boolean isAvailableAt(Instant now) {
        return statusAt(now) == SeatStatus.AVAILABLE;
    }

    public Long id() {
        return id;
    }

    public ConcertDate concertDate() {
        return concertDate;
    }

    public SeatNumber number() {
        return SeatNumber.of(number);
    }

    public long price() {
        return price;
    }

    /** Its section, row and place in the row. */
    public SeatPlace place() {
        return place;
    }

    public Instant heldUntil() {
        return heldUntil;
    }

    public String userId() {
        return userId;
    }

    /** Whether {@code userId} holds this seat at {@code now} (a lapsed hold is nobody's). */
    public boolean isHeldBy(String userId, Instant now) {
        return statusAt(now) == SeatStatus.HELD && userId.equals(this.userId);
    }

    /**
     * Holds the seat for {@code userId} until {@code until}. Call with the seat row locked: the
     * check and the change must not be interleaved with another hold.
     *
     * @throws DomainException {@code SEAT_UNAVAILABLE} when the seat is sold or held by a live hold
     */
    public void hold(String userId, Instant until, Instant now) {
        if (!isAvailableAt(now)) {
            throw unavailable(userId, now);
        }
        this.status = SeatStatus.HELD;
        this.userId = userId;
        this.heldUntil = until;
    }

    /** The refusal for a seat that is not available at {@code now}, worded for {@code userId}. */
    public DomainException unavailable(String userId, Instant now) {
        String seat = "Seat " + number + " on " + concertDate.showDate();
        if (statusAt(now) == SeatStatus.SOLD) {
            return new DomainException(Reason.SEAT_UNAVAILABLE, seat + " is sold");
        }
        if (userId.equals(this.userId)) {
            return new DomainException(Reason.SEAT_UNAVAILABLE, seat + " is already held by you until " + heldUntil);
        }
        return new DomainException(Reason.SEAT_UNAVAILABLE, seat + " is held by another user");
    }

    /** The seat is sold to the user who held it. */
    public void sell(String userId) {
        this.status = SeatStatus.SOLD;
        this.userId = userId;
        this.heldUntil = null;
    }

    /**
     * A seat whose hold lapsed is freed even when no reservation is left to close (a row written by hand,
     * or by a bug), or every sweep would pick it first and never get past it. Answers whether it was freed.
     */
    public boolean releaseLapsed(Instant now) {
        if (!hasLapsedHold(now)) {
            return false;
        }
        release();
        return true;
    }

    /** Whether the seat is still marked held by a hold that has lapsed at {@code now} (no sweep freed it yet). */
    public boolean hasLapsedHold(Instant now) {
        return status == SeatStatus.HELD && isAvailableAt(now);
    }

    /** The hold ended (lapsed, cancelled): the seat is free again. A sold seat stays sold. */
    public void release() {
        if (status == SeatStatus.HELD) {
            this.status = SeatStatus.AVAILABLE;
            this.userId = null;
            this.heldUntil = null;
        }
    }
}
