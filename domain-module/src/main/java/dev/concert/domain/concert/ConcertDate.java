package dev.concert.domain.concert;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A day on which a concert is performed, with its 50 seats. */
@Entity
@Table(name = "concert_date")
public class ConcertDate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "concert_id")
    private Concert concert;

    /** The concert's id as stored, read without loading the concert (which is a query of its own). */
    @Column(name = "concert_id", insertable = false, updatable = false)
    private Long concertId;

    @Column(name = "show_date", nullable = false)
    private LocalDate showDate;

    /** When the show begins, local time where the concerts happen. */
    @Column(name = "start_time", nullable = false)
    private LocalTime startTime;

    @OneToMany(mappedBy = "concertDate", cascade = CascadeType.PERSIST)
    @OrderBy("number ASC")
    private List<Seat> seats = new ArrayList<>();

    protected ConcertDate() {
        // for JPA
    }

    ConcertDate(Concert concert, LocalDate showDate, LocalTime startTime, SeatPricing pricing, SeatLayout layout) {
        this.concert = concert;
        this.showDate = showDate;
        this.startTime = startTime;
        SeatNumber.all().forEach(number ->
                seats.add(new Seat(this, number, pricing.priceOf(number), layout.placeOf(number))));
    }

    /** How many seats a fan could hold at {@code now}. */
    public int availableSeatsAt(Instant now) {
        return (int) seats.stream().filter(seat -> seat.isAvailableAt(now)).count();
    }

    /**
     * Whether fans can still book this date: it is today or later and has a seat left. The day of the
     * show itself stays bookable, as at a box office.
     */
    public boolean isBookable(LocalDate today, Instant now) {
        return !hasPassed(showDate, today) && availableSeatsAt(now) > 0;
    }

    /** Whether a show on {@code showDate} is over for booking on {@code today}: its day is before today. */
    public static boolean hasPassed(LocalDate showDate, LocalDate today) {
        return showDate.isBefore(today);
    }

    public Long id() {
        return id;
    }

    /** The concert's id, without loading the concert once the date is stored. */
    public Long concertId() {
        return concertId != null ? concertId : concert.id();
    }

    public Concert concert() {
        return concert;
    }

    public LocalDate showDate() {
        return showDate;
    }

    public LocalTime startTime() {
        return startTime;
    }

    /** When the show begins, with the offset of {@code zone} (where the concerts happen) on that day. */
    public OffsetDateTime startsAt(ZoneId zone) {
        return startsAt(showDate, startTime, zone);
    }

    /** The instant a show on {@code date} at local {@code time} begins in {@code zone}, with that day's offset. */
    public static OffsetDateTime startsAt(LocalDate date, LocalTime time, ZoneId zone) {
        return date.atTime(time).atZone(zone).toOffsetDateTime();
    }

    public List<Seat> seats() {
        return Collections.unmodifiableList(seats);
    }
}
