-- The bookable dates of a concert count each date's free seats: with this index the count reads the
-- index alone, not every seat row (documents/performance.md: 4.5 -> 1.2 ms for a concert of 100 dates,
-- the largest database cost of a booking).
CREATE INDEX ix_seat_date_status ON seat (concert_date_id, status, held_until);
