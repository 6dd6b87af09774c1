package dev.concert.loadtest.check;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What one check looks at. Seats, reservations and payments: the concerts a run scheduled, or every
 * concert when none is named. Wallets: always all of them (a wallet belongs to a user, not to a
 * concert). A hold counts as left behind once it lapsed more than {@code sweepGrace} ago.
 *
 * @param concertIds the run's concerts; empty = every concert
 * @param hotSeat    the seat a hot-seat run raced for, which must have exactly one reservation
 * @param sweepGrace how long after its lapse a {@code HELD} row may still wait for the sweeper
 */
public record CheckScope(List<Long> concertIds, Optional<HotSeat> hotSeat, Duration sweepGrace) {

    /** reservation.sweep-seconds' default: the sweeper runs every 5 s */
    static final long DEFAULT_SWEEP_SECONDS = 5;
    /** a sweep run's own time and the timer's jitter on a loaded machine */
    static final long DEFAULT_SLACK_SECONDS = 5;

    public CheckScope {
        concertIds = List.copyOf(concertIds);
        if (sweepGrace.isNegative()) {
            throw new IllegalArgumentException("the sweep grace cannot be negative: " + sweepGrace);
        }
    }

    public static CheckScope everything() {
        return new CheckScope(List.of(), Optional.empty(),
                Duration.ofSeconds(DEFAULT_SWEEP_SECONDS + DEFAULT_SLACK_SECONDS));
    }

    public CheckScope concerts(List<Long> ids) {
        return new CheckScope(ids, hotSeat, sweepGrace);
    }

    public CheckScope hotSeat(HotSeat seat) {
        return new CheckScope(concertIds, Optional.of(seat), sweepGrace);
    }

    public boolean allConcerts() {
        return concertIds.isEmpty();
    }

    /**
     * The scope as the command line and the environment give it ({@code setting} looks a name up:
     * system property first, then environment): {@code check.concerts} / {@code CHECK_CONCERTS}
     * ("12,13"), {@code check.hotSeat} / {@code CHECK_HOT_SEAT} ("12/2026-12-24/7"), the sweep
     * interval {@code check.sweepSeconds} / {@code RESERVATION_SWEEP_SECONDS} (the server's own
     * variable, so one shell sets both) and {@code check.slackSeconds} / {@code CHECK_SLACK_SECONDS}.
     */
    public static CheckScope from(UnaryOperator<String> setting) {
        List<Long> concerts = Optional.ofNullable(setting.apply("concerts"))
                .map(CheckScope::parseIds).orElse(List.of());
        Optional<HotSeat> hotSeat = Optional.ofNullable(setting.apply("hotSeat")).map(HotSeat::parse);
        long sweep = seconds(setting.apply("sweepSeconds"), DEFAULT_SWEEP_SECONDS, "sweep interval");
        long slack = seconds(setting.apply("slackSeconds"), DEFAULT_SLACK_SECONDS, "slack");
        return new CheckScope(concerts, hotSeat, Duration.ofSeconds(sweep + slack));
    }

    static List<Long> parseIds(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .map(id -> {
                    try {
                        return Long.valueOf(id);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("a concert id is a number: '" + id + "'");
                    }
                })
                .toList();
    }

    private static long seconds(String text, long fallback, String what) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        long value = Long.parseLong(text.strip());
        if (value < 0) {
            throw new IllegalArgumentException("the " + what + " cannot be negative: " + value);
        }
        return value;
    }

    /** One seat of one date of one concert. */
    public record HotSeat(long concertId, LocalDate date, int seatNumber) {

        public HotSeat {
            if (seatNumber < 1 || seatNumber > 50) {
                throw new IllegalArgumentException("seats are numbered 1..50: " + seatNumber);
            }
        }

        /** "concertId/date/seatNumber", as {@link #toString()} writes it */
        public static HotSeat parse(String text) {
            String[] parts = text.strip().split("/");
            if (parts.length != 3) {
                throw new IllegalArgumentException("a hot seat is concertId/YYYY-MM-DD/seatNumber: '" + text + "'");
            }
            return new HotSeat(Long.parseLong(parts[0]), LocalDate.parse(parts[1]), Integer.parseInt(parts[2]));
        }

        @Override
        public String toString() {
            return concertId + "/" + date + "/" + seatNumber;
        }
    }
}
