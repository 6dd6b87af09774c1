package dev.concert.domain.concert;

import dev.concert.domain.shared.DomainException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/** A concert: a title at a venue, performed on one or more dates. */
@Entity
@Table(name = "concert")
public class Concert {

    public static final int MAX_TEXT = 200;
    /** A run of more dates than this at once is an operator's mistake. */
    public static final int MAX_DATES = 366;
    /** When a show starts unless its operator says otherwise: 19:00, local time. */
    public static final LocalTime DEFAULT_START = LocalTime.of(19, 0);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = MAX_TEXT)
    private String title;

    @Column(nullable = false, length = MAX_TEXT)
    private String venue;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "concert", cascade = CascadeType.PERSIST)
    @OrderBy("showDate ASC")
    private List<ConcertDate> dates = new ArrayList<>();

    protected Concert() {
        // for JPA
    }

    private Concert(String title, String venue, Instant createdAt) {
        this.title = title;
        this.venue = venue;
        this.createdAt = createdAt;
    }

    /**
     * Schedules a concert on the given dates, each with seats 1..50 priced by {@code pricing}.
     *
     * @param today the current date: a concert cannot be scheduled in the past
     */
    public static Concert schedule(String title, String venue, List<LocalDate> showDates, SeatPricing pricing,
                                   LocalDate today, Instant now) {
        return schedule(title, venue, showDates, DEFAULT_START, SeatLayout.standard(), pricing, today, now);
    }

    /**
     * Schedules a concert on the given dates, each starting at {@code startTime} (local time where the
     * concerts happen) with seats 1..50 placed by {@code layout} and priced by {@code pricing}.
     */
    public static Concert schedule(String title, String venue, List<LocalDate> showDates, LocalTime startTime,
                                   SeatLayout layout, SeatPricing pricing, LocalDate today, Instant now) {
        Concert concert = new Concert(requireText("title", title), requireText("venue", venue), now);
        if (showDates == null || showDates.isEmpty()) {
            throw DomainException.invalid("A concert needs at least one date");
        }
        if (showDates.size() > MAX_DATES) {
            throw DomainException.invalid("A concert can have at most " + MAX_DATES + " dates");
        }
        var seen = new HashSet<LocalDate>();
        for (LocalDate date : showDates.stream().sorted().toList()) {
            if (ConcertDate.hasPassed(date, today)) {
                throw DomainException.invalid("Date " + date + " is in the past");
            }
            if (!seen.add(date)) {
                throw DomainException.invalid("Date " + date + " is given twice");
            }
            concert.dates.add(new ConcertDate(concert, date, startTime, pricing, layout));
        }
        return concert;
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field + " must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_TEXT) {
            throw DomainException.invalid(field + " must be at most " + MAX_TEXT + " characters");
        }
        if (!isPlainText(trimmed)) {
            throw DomainException.invalid(field + " must be plain text: no control or invisible formatting "
                    + "characters, no < or >");
        }
        return trimmed;
    }

    /**
     * Text a fan reads as it is: no control characters, no invisible formatting (bidi overrides,
     * zero-width characters) that would make a title read differently from what it is, no unpaired
     * surrogates, no markup. Quotes are text ("Guns N' Roses"): queries bind them, pages show them
     * with textContent.
     */
    static boolean isPlainText(String text) {
        return text.codePoints().allMatch(c -> c != '<' && c != '>' && Character.isDefined(c)
                && switch (Character.getType(c)) {
                    case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                            Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
                    default -> true;
                });
    }

    public Long id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String venue() {
        return venue;
    }

    public List<ConcertDate> dates() {
        return Collections.unmodifiableList(dates);
    }
}
