package dev.concert.application.reservation;

import dev.concert.application.catalog.BookableDatesCache;
import dev.concert.application.catalog.SeatMapCache;
import dev.concert.application.queue.QueueService;
import dev.concert.domain.concert.ConcertDate;
import dev.concert.domain.concert.ConcertRepository;
import dev.concert.domain.concert.Seat;
import dev.concert.domain.concert.SeatNumber;
import dev.concert.domain.reservation.HoldLock;
import dev.concert.domain.reservation.LiveHolds;
import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.reservation.ReservationRepository;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import dev.concert.application.shared.StoredTime;
import dev.concert.domain.shared.TooManyRequests;
import dev.concert.domain.wallet.WalletRepository;
import dev.concert.application.config.Settings;
import dev.concert.application.resilience.UsesDatabase;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Seat holds (좌석 예약): take one, read one, let one go, and close lapsed ones. Each call is one
 * container-managed transaction. Locks, always in this order: the seat's row, then the user's
 * wallet row (which serialises one user's holds, so the per-user limit is exact). Of any number of
 * simultaneous holds of one seat, on any number of instances, the seat's row lock lets one at a time
 * decide, and the unique key on a seat's live reservation backs it up. A hold keeps its fan's queue token
 * active until the hold lapses, so that the fan can always pay for it.
 */
@UsesDatabase
@Stateless
public class ReservationService {

    /** Told of every change of seats, so that the seat maps show it. */
    @Inject
    SeatMapCache seatMaps = SeatMapCache.off();

    /** Told of every seat a hold takes or gives back, so that the bookable dates' counts show it. */
    @Inject
    BookableDatesCache dates = BookableDatesCache.off();

    @Inject
    ConcertRepository concerts;

    @Inject
    ReservationRepository reservations;

    @Inject
    WalletRepository wallets;

    @Inject
    QueueService queue;

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    /** How far the queue store's clock may be from this instance's. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

    public ReservationService() {
    }

    public ReservationService(ConcertRepository concerts, ReservationRepository reservations, WalletRepository wallets,
                       QueueService queue, Settings settings, Clock clock) {
        this.concerts = concerts;
        this.reservations = reservations;
        this.wallets = wallets;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Holds a seat for the user for {@code reservation.hold-seconds}, and keeps the user's queue token
     * ({@code token}, the one the request came with) active at least as long.
     *
     * @throws DomainException {@code VALIDATION_FAILED} for a seat number outside 1..50 or a concert
     *         date that does not exist or has passed; {@code SEAT_UNAVAILABLE} when the seat is sold or
     *         held; {@code TOKEN_INVALID} when the token lapsed meanwhile; {@link TooManyRequests} when the
     *         user already has the most live holds allowed
     */
    public ReservationView hold(String userId, String token, long concertId, LocalDate date, int seatNumber) {
        Instant now = now();
        SeatNumber number = SeatNumber.of(seatNumber);
        Seat seat = concerts.findSeat(concertId, date, number)
                .orElseThrow(() -> DomainException.invalid("Concert " + concertId + " is not performed on " + date));
        if (ConcertDate.hasPassed(date, LocalDate.ofInstant(now, clock.getZone()))) {
            throw DomainException.invalid("The concert on " + date + " has passed");
        }
        if (!seat.isAvailableAt(now)) {
            throw seat.unavailable(userId, now); // taken already: answer without queueing for the lock
        }
        seat = reservations.lockSeat(seat);
        now = now();   // the lock may have been waited for: decide on the time it was taken
        if (!seat.isAvailableAt(now)) {
            throw seat.unavailable(userId, now); // someone held it while this request waited for the lock
        }
        reservations.expireLapsedHoldOn(seat, now);
        wallets.lockWithoutReading(userId, now);
        new LiveHolds(reservations.liveHoldsOf(userId, now)).requireRoomForAnother(settings.maxHoldsPerUser(), now);
        Reservation reservation = Reservation.hold(seat, userId, now, Duration.ofSeconds(settings.holdSeconds()));
        seatMaps.changed();
        dates.seatsChanged(seat.concertDate(), -1);
        reservations.add(reservation);
        keepTokenActiveUntil(token, reservation.heldUntil(), now);
        return ReservationView.of(reservation, now);
    }

    /**
     * The fan's queue token outlives the hold: made to, in the queue store, before this transaction commits
     * (after the hold is decided, so that failed attempts extend nothing). A token that lapsed meanwhile
     * makes no hold (401 TOKEN_INVALID), and a queue store that cannot answer none either (503). The margin
     * covers the store's clock (Redis's) against this instance's.
     */
    private void keepTokenActiveUntil(String token, Instant heldUntil, Instant now) {
        if (!queue.keepActive(token, Duration.between(now, heldUntil).plus(CLOCK_MARGIN))) {
            throw new DomainException(Reason.TOKEN_INVALID, "The queue token has lapsed: ask for a new one");
        }
    }

    /** The user's reservation; another user's is as unknown as one that does not exist. */
    public ReservationView find(String userId, String reservationId) {
        return ReservationView.of(own(userId, reservationId), now());
    }

    /**
     * The user lets a live hold go; the seat is free at once.
     *
     * @throws DomainException {@code NOT_FOUND} for another user's reservation; {@code HOLD_EXPIRED}
     *         when it lapsed or was cancelled; {@code ALREADY_PAID} when it was paid
     */
    public ReservationView cancel(String userId, String reservationId) {
        Reservation reservation = HoldLock.ownHold(reservations, userId, reservationId);
        Instant now = now();   // after the lock wait
        reservation.cancel(now);
        seatMaps.changed();
        dates.seatsChanged(reservation.seat().concertDate(), +1);
        return ReservationView.of(reservation, now);
    }

    /**
     * Closes up to {@code limit} lapsed holds in this transaction; answers how many. Run by every
     * instance's {@link HoldSweeper}: locked seats are skipped, never waited for or closed twice.
     */
    public int expireLapsed(int limit) {
        int expired = reservations.expireLapsed(now(), limit);
        if (expired > 0) {
            seatMaps.changed();
        }
        return expired;
    }

    Reservation own(String userId, String reservationId) {
        return reservations.find(reservationId)
                .filter(reservation -> reservation.isOwnedBy(userId))
                .orElseThrow(() -> DomainException.notFound(Reservation.named(reservationId)));
    }

    private Instant now() {
        return StoredTime.now(clock);
    }
}
