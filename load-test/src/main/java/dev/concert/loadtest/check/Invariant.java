package dev.concert.loadtest.check;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule the data must obey after any run, stated as the query of the rows that break it: no row,
 * the rule holds. The table and column names are those of the Flyway schema
 * (domain-module/src/main/resources/db/migration); {@code InvariantTest} runs every query on it.
 *
 * @param name      what must hold, in the words the check prints
 * @param violators the rows that break it
 */
public record Invariant(String name, Query violators) {

    private static final String SEAT = "seat s JOIN concert_date cd ON cd.id = s.concert_date_id";

    /**
     * Every rule for this scope. {@code now} is the check's UTC time, as the server stores times
     * (UTC DATETIME): a hold is live while held_until is after it.
     */
    public static List<Invariant> all(CheckScope scope, LocalDateTime now) {
        LocalDateTime sweptBy = now.minus(scope.sweepGrace());
        List<Invariant> rules = new ArrayList<>(List.of(
                new Invariant("a seat has at most one CONFIRMED reservation", Query.of(
                        "SELECT cd.concert_id, cd.show_date, s.seat_number, COUNT(*) AS confirmed"
                                + " FROM reservation r JOIN seat s ON s.id = r.seat_id"
                                + " JOIN concert_date cd ON cd.id = s.concert_date_id"
                                + " WHERE r.status = 'CONFIRMED' {scope}"
                                + " GROUP BY cd.concert_id, cd.show_date, s.seat_number HAVING COUNT(*) > 1", scope)),
                new Invariant("a seat has at most one COMPLETED payment", Query.of(
                        "SELECT cd.concert_id, cd.show_date, s.seat_number, COUNT(*) AS payments"
                                + " FROM payment p JOIN reservation r ON r.id = p.reservation_id"
                                + " JOIN seat s ON s.id = r.seat_id JOIN concert_date cd ON cd.id = s.concert_date_id"
                                + " WHERE p.status = 'COMPLETED' {scope}"
                                + " GROUP BY cd.concert_id, cd.show_date, s.seat_number HAVING COUNT(*) > 1", scope)),
                new Invariant("a seat has at most one live reservation (CONFIRMED, or HELD and not lapsed)", Query.of(
                        "SELECT cd.concert_id, cd.show_date, s.seat_number, COUNT(*) AS live"
                                + " FROM reservation r JOIN seat s ON s.id = r.seat_id"
                                + " JOIN concert_date cd ON cd.id = s.concert_date_id"
                                + " WHERE (r.status = 'CONFIRMED' OR (r.status = 'HELD' AND r.held_until > ?)) {scope}"
                                + " GROUP BY cd.concert_id, cd.show_date, s.seat_number HAVING COUNT(*) > 1", scope, now)),
                new Invariant("the number of COMPLETED payments equals the number of SOLD seats", Query.of(
                        "SELECT sold, paid FROM (SELECT"
                                + " (SELECT COUNT(*) FROM " + SEAT + " WHERE s.status = 'SOLD' {scope}) AS sold,"
                                + " (SELECT COUNT(*) FROM payment p JOIN reservation r ON r.id = p.reservation_id"
                                + "   JOIN seat s ON s.id = r.seat_id JOIN concert_date cd ON cd.id = s.concert_date_id"
                                + "   WHERE p.status = 'COMPLETED' {scope}) AS paid) counts"
                                + " WHERE sold <> paid", scope)),
                new Invariant("a SOLD seat has a CONFIRMED reservation and a COMPLETED payment of its buyer, at its price",
                        Query.of("SELECT cd.concert_id, cd.show_date, s.seat_number, s.user_id FROM " + SEAT
                                + " WHERE s.status = 'SOLD' {scope} AND NOT EXISTS (SELECT 1 FROM reservation r"
                                + "   JOIN payment p ON p.reservation_id = r.id"
                                + "   WHERE r.seat_id = s.id AND r.status = 'CONFIRMED' AND p.status = 'COMPLETED'"
                                + "   AND r.user_id = s.user_id AND p.user_id = s.user_id AND p.amount = r.price)", scope)),
                new Invariant("a CONFIRMED reservation is paid, and its seat is SOLD to its user", Query.of(
                        "SELECT r.id AS reservation_id, r.user_id, s.status AS seat_status, s.user_id AS seat_user"
                                + " FROM reservation r JOIN seat s ON s.id = r.seat_id"
                                + " JOIN concert_date cd ON cd.id = s.concert_date_id"
                                + " WHERE r.status = 'CONFIRMED' {scope} AND (s.status <> 'SOLD'"
                                + "   OR COALESCE(s.user_id, '') <> r.user_id OR NOT EXISTS (SELECT 1 FROM payment p"
                                + "     WHERE p.reservation_id = r.id AND p.status = 'COMPLETED'))", scope)),
                new Invariant("a COMPLETED payment is of a CONFIRMED reservation of the payer", Query.of(
                        "SELECT p.id AS payment_id, p.user_id, r.status AS reservation_status, r.user_id AS reservation_user"
                                + " FROM payment p JOIN reservation r ON r.id = p.reservation_id"
                                + " JOIN seat s ON s.id = r.seat_id JOIN concert_date cd ON cd.id = s.concert_date_id"
                                + " WHERE p.status = 'COMPLETED' {scope}"
                                + " AND (r.status <> 'CONFIRMED' OR r.user_id <> p.user_id)", scope)),
                new Invariant("no seat is still HELD more than " + scope.sweepGrace().toSeconds()
                        + " s after its hold lapsed (the sweep interval and a slack)", Query.of(
                        "SELECT cd.concert_id, cd.show_date, s.seat_number, s.held_until FROM " + SEAT
                                + " WHERE s.status = 'HELD' AND (s.held_until IS NULL OR s.held_until < ?) {scope}",
                        scope, sweptBy)),
                new Invariant("no reservation is still HELD more than " + scope.sweepGrace().toSeconds()
                        + " s after it lapsed", Query.of(
                        "SELECT r.id AS reservation_id, cd.concert_id, cd.show_date, s.seat_number, r.held_until"
                                + " FROM reservation r JOIN seat s ON s.id = r.seat_id"
                                + " JOIN concert_date cd ON cd.id = s.concert_date_id"
                                + " WHERE r.status = 'HELD' AND r.held_until < ? {scope}", scope, sweptBy)),
                // wallets are checked whatever the scope: a user's money is not a concert's
                new Invariant("every wallet: balance = sum of its ledger entries, and not below 0", Query.of(
                        "SELECT w.user_id, w.balance, COALESCE(l.total, 0) AS ledger_sum FROM wallet w"
                                + " LEFT JOIN (SELECT user_id, SUM(amount) AS total FROM wallet_ledger GROUP BY user_id) l"
                                + "   ON l.user_id = w.user_id"
                                + " WHERE w.balance <> COALESCE(l.total, 0) OR w.balance < 0", scope)),
                new Invariant("every wallet: balance = charges - payments + refunds", Query.of(
                        "SELECT w.user_id, w.balance, COALESCE(c.charged, 0) AS charged, COALESCE(p.paid, 0) AS paid,"
                                + " COALESCE(f.refunded, 0) AS refunded FROM wallet w"
                                + " LEFT JOIN (SELECT user_id, SUM(amount) AS charged FROM wallet_ledger"
                                + "   WHERE kind = 'CHARGE' GROUP BY user_id) c ON c.user_id = w.user_id"
                                + " LEFT JOIN (SELECT user_id, SUM(amount) AS paid FROM payment GROUP BY user_id) p"
                                + "   ON p.user_id = w.user_id"
                                + " LEFT JOIN (SELECT user_id, SUM(amount) AS refunded FROM wallet_ledger"
                                + "   WHERE kind = 'REFUND' GROUP BY user_id) f ON f.user_id = w.user_id"
                                + " WHERE w.balance <> COALESCE(c.charged, 0) - COALESCE(p.paid, 0) + COALESCE(f.refunded, 0)",
                        scope)),
                // the ledger grouped once by payment: payment_id has no index, and a correlated subquery per
                // payment made this rule quadratic (3 s and 23 million rows read after 3 400 payments)
                new Invariant("every payment is debited once from its payer's wallet, for its amount", Query.of(
                        "SELECT p.id AS payment_id, p.user_id, p.amount, COALESCE(l.debits, 0) AS ledger_rows"
                                + " FROM payment p LEFT JOIN (SELECT payment_id, COUNT(*) AS debits,"
                                + "   MIN(user_id) AS payer, MIN(amount) AS low, MAX(amount) AS high FROM wallet_ledger"
                                + "   WHERE kind = 'PAYMENT' AND payment_id IS NOT NULL GROUP BY payment_id) l"
                                + "   ON l.payment_id = p.id"
                                + " WHERE l.debits IS NULL OR l.debits <> 1 OR l.payer <> p.user_id"
                                + " OR l.low <> -p.amount OR l.high <> -p.amount",
                        scope))));
        scope.hotSeat().ifPresent(seat -> rules.add(new Invariant(
                "the hot seat " + seat + " has exactly one reservation row", Query.of(
                "SELECT COUNT(r.id) AS reservations FROM " + SEAT + " LEFT JOIN reservation r ON r.seat_id = s.id"
                        + " WHERE cd.concert_id = ? AND cd.show_date = ? AND s.seat_number = ?"
                        + " HAVING COUNT(r.id) <> 1", scope, seat.concertId(), seat.date(), seat.seatNumber()))));
        return rules;
    }
}
