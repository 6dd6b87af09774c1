package dev.concert.domain.reservation;

import dev.concert.domain.shared.TooManyRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One user's live holds, by the time each lapses, soonest first. A user may hold at most a set number of
 * seats at once ({@code reservation.max-holds-per-user}); read and decided with the user's wallet row
 * locked, so that two holds of one user cannot both pass.
 */
public record LiveHolds(List<Instant> lapseTimes) {

    public LiveHolds {
        lapseTimes = List.copyOf(lapseTimes);
    }

    /**
     * @throws TooManyRequests {@code LIVE_HOLDS} when the user already has {@code limit} live holds, with the
     *         seconds until the first lapses as the time to retry
     */
    public void requireRoomForAnother(int limit, Instant now) {
        if (lapseTimes.size() >= limit) {
            long wait = Math.max(1, Duration.between(now, lapseTimes.get(0)).toSeconds());
            throw new TooManyRequests(TooManyRequests.Limit.LIVE_HOLDS, "You already hold " + lapseTimes.size()
                    + " seat(s), the most one user may hold at once; pay for one or let one go (the first lapses in "
                    + wait + " s)", wait);
        }
    }
}
