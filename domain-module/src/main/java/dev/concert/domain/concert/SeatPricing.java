package dev.concert.domain.concert;

import dev.concert.domain.shared.DomainException;
import java.util.List;

/** The price of each seat of a date, in won: one price for all seats, or one per seat number. */
public final class SeatPricing {

    /** A ticket dearer than this is a typo, not a concert. */
    public static final long MAX_PRICE = 100_000_000L;

    private final List<Long> prices;

    private SeatPricing(List<Long> prices) {
        for (int i = 0; i < prices.size(); i++) {
            long price = prices.get(i);
            if (price <= 0 || price > MAX_PRICE) {
                throw DomainException.invalid("Seat price must be between 1 and " + MAX_PRICE + " won, seat "
                        + (i + 1) + " was " + price);
            }
        }
        this.prices = List.copyOf(prices);
    }

    public static SeatPricing flat(long price) {
        return new SeatPricing(java.util.Collections.nCopies(SeatNumber.SEATS_PER_DATE, price));
    }

    /** One price per seat, the first for seat 1; there must be exactly 50. */
    public static SeatPricing perSeat(List<Long> prices) {
        if (prices == null || prices.size() != SeatNumber.SEATS_PER_DATE || prices.contains(null)) {
            throw DomainException.invalid("seatPrices must hold exactly " + SeatNumber.SEATS_PER_DATE + " prices");
        }
        return new SeatPricing(prices);
    }

    public long priceOf(SeatNumber seat) {
        return prices.get(seat.value() - SeatNumber.FIRST);
    }
}
