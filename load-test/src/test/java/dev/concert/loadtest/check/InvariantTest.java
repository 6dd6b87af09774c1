package dev.concert.loadtest.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.loadtest.check.CheckScope.HotSeat;
import dev.concert.loadtest.check.InvariantCheck.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule's query, on the server's schema in H2, against data that keeps it and data that breaks it. */
class InvariantTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 10, 0, 0);
    private static final LocalDate SHOW = LocalDate.of(2026, 12, 24);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private Bookings bookings;
    private long concert;
    private long date;

    @BeforeEach
    void schedule() throws Exception {
        bookings = new Bookings(NOW);
        concert = bookings.concert();
        date = bookings.date(concert, SHOW);
    }

    @AfterEach
    void close() throws Exception {
        bookings.close();
    }

    private Report check(CheckScope scope) throws Exception {
        InvariantCheck check = new InvariantCheck("jdbc:h2:mem:test", null, null,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        return check.run(bookings.connection, scope, NOW);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void salesHoldsAndChargesAsTheServerMakesThemBreakNoRule() throws Exception {
        bookings.sell(bookings.seat(date, 1));
        bookings.sell(bookings.seat(date, 2));
        String holder = UUID.randomUUID().toString();
        bookings.hold(bookings.seat(date, 3), holder, NOW.plusMinutes(4));
        bookings.charge(UUID.randomUUID().toString(), 50000);
        bookings.seat(date, 4);

        Report report = check(CheckScope.everything());

        assertThat(report.brokenRules()).isEmpty();
        assertThat(report.held()).isEqualTo(12);
        assertThat(printed())
                .contains("seats 4 (AVAILABLE 1, HELD 1, SOLD 2)")
                .contains("payments 2 (COMPLETED 2)")
                .contains("Invariants: 12 held, 0 broken");
    }

    @Test
    void aSeatSoldTwiceIsReported() throws Exception {
        long seat = bookings.seat(date, 7);
        bookings.sell(seat);
        // a second buyer of the same seat, the unique live-seat key dodged by a NULL active_seat_id
        bookings.update("UPDATE reservation SET active_seat_id = NULL WHERE seat_id = ?", seat);
        String second = UUID.randomUUID().toString();
        bookings.charge(second, 200000);
        bookings.pay(bookings.hold(seat, second, NOW.plusMinutes(5)), seat, second);

        Report report = check(CheckScope.everything());

        assertThat(report.brokenRules()).anyMatch(rule -> rule.startsWith("a seat has at most one CONFIRMED"))
                .anyMatch(rule -> rule.startsWith("a seat has at most one COMPLETED payment"))
                .anyMatch(rule -> rule.startsWith("the number of COMPLETED payments equals"));
        assertThat(printed()).contains("BROKEN  a seat has at most one CONFIRMED reservation: 1 row(s)")
                .contains("seat_number=7");
    }

    @Test
    void aPaymentWhoseSeatIsNotSoldIsReported() throws Exception {
        long seat = bookings.seat(date, 8);
        bookings.sell(seat);
        bookings.update("UPDATE seat SET status = 'AVAILABLE', user_id = NULL WHERE id = ?", seat);

        assertThat(check(CheckScope.everything()).brokenRules())
                .containsExactlyInAnyOrder("the number of COMPLETED payments equals the number of SOLD seats",
                        "a CONFIRMED reservation is paid, and its seat is SOLD to its user");
    }

    @Test
    void aSoldSeatWithoutAPaymentIsReported() throws Exception {
        long seat = bookings.seat(date, 9);
        bookings.update("UPDATE seat SET status = 'SOLD', user_id = ? WHERE id = ?", UUID.randomUUID().toString(), seat);

        assertThat(check(CheckScope.everything()).brokenRules())
                .containsExactlyInAnyOrder("the number of COMPLETED payments equals the number of SOLD seats",
                        "a SOLD seat has a CONFIRMED reservation and a COMPLETED payment of its buyer, at its price");
    }

    @Test
    void aBalanceThatDoesNotAddUpIsReported() throws Exception {
        String user = bookings.sell(bookings.seat(date, 10));
        bookings.update("UPDATE wallet SET balance = balance + 1 WHERE user_id = ?", user);

        assertThat(check(CheckScope.everything()).brokenRules())
                .containsExactlyInAnyOrder("every wallet: balance = sum of its ledger entries, and not below 0",
                        "every wallet: balance = charges - payments + refunds");
    }

    @Test
    void aPaymentNeverDebitedIsReported() throws Exception {
        String user = bookings.sell(bookings.seat(date, 11));
        // the debit lost, and the balance matching the ledger that is left
        bookings.update("DELETE FROM wallet_ledger WHERE kind = 'PAYMENT' AND user_id = ?", user);
        bookings.update("UPDATE wallet SET balance = 200000 WHERE user_id = ?", user);

        assertThat(check(CheckScope.everything()).brokenRules())
                .containsExactlyInAnyOrder("every wallet: balance = charges - payments + refunds",
                        "every payment is debited once from its payer's wallet, for its amount");
    }

    /** A second debit of the same payment (the ledger still adding up to the balance), or a debit of another amount. */
    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO wallet_ledger (user_id, kind, amount, balance_after, payment_id, created_at)"
                    + " SELECT user_id, kind, amount, 0, payment_id, created_at FROM wallet_ledger WHERE kind = 'PAYMENT' AND user_id = ?",
            "UPDATE wallet_ledger SET amount = -1 WHERE kind = 'PAYMENT' AND user_id = ?"})
    void aPaymentDebitedOtherwiseThanOnceForItsAmountIsReported(String breakTheDebit) throws Exception {
        String user = bookings.sell(bookings.seat(date, 14));
        bookings.update(breakTheDebit, user);

        assertThat(check(CheckScope.everything()).brokenRules())
                .contains("every payment is debited once from its payer's wallet, for its amount");
    }

    @Test
    void aHoldLeftLongerThanTheSweepAllowsIsReported() throws Exception {
        CheckScope scope = CheckScope.everything();
        LocalDateTime lapsed = NOW.minus(scope.sweepGrace()).minusSeconds(1);
        bookings.hold(bookings.seat(date, 12), UUID.randomUUID().toString(), lapsed);

        assertThat(check(scope).brokenRules())
                .containsExactlyInAnyOrder("no seat is still HELD more than 10 s after its hold lapsed (the sweep interval and a slack)",
                        "no reservation is still HELD more than 10 s after it lapsed");
    }

    @Test
    void aHoldLapsedWithinTheSweepIntervalIsNoViolation() throws Exception {
        CheckScope scope = CheckScope.everything();
        bookings.hold(bookings.seat(date, 13), UUID.randomUUID().toString(), NOW.minus(scope.sweepGrace()).plusSeconds(1));

        assertThat(check(scope).brokenRules()).isEmpty();
    }

    @Test
    void theHotSeatMustHaveExactlyOneReservation() throws Exception {
        long seat = bookings.seat(date, 1);
        HotSeat hot = new HotSeat(concert, SHOW, 1);
        CheckScope scope = CheckScope.everything().concerts(List.of(concert)).hotSeat(hot);
        assertThat(check(scope).brokenRules()).containsExactly("the hot seat " + hot + " has exactly one reservation row");

        bookings.hold(seat, UUID.randomUUID().toString(), NOW.plusMinutes(5));
        assertThat(check(scope).brokenRules()).isEmpty();

        // a second row, even one that does not own the seat, means a loser got through
        bookings.update("INSERT INTO reservation (id, seat_id, user_id, price, status, held_until, created_at, updated_at)"
                + " VALUES ('r-2', ?, ?, 150000, 'CANCELLED', ?, ?, ?)", seat, UUID.randomUUID().toString(), NOW, NOW, NOW);
        assertThat(check(scope).brokenRules()).containsExactly("the hot seat " + hot + " has exactly one reservation row");
    }

    @Test
    void seatRulesLookOnlyAtTheConcertsInScope() throws Exception {
        long otherConcert = bookings.concert();
        long otherSeat = bookings.seat(bookings.date(otherConcert, SHOW), 5);
        bookings.update("UPDATE seat SET status = 'SOLD', user_id = ? WHERE id = ?", UUID.randomUUID().toString(), otherSeat);
        bookings.sell(bookings.seat(date, 5));

        assertThat(check(CheckScope.everything().concerts(List.of(concert))).brokenRules()).isEmpty();
        assertThat(printed()).contains("scope: concerts [" + concert + "]").contains("seats 1 (SOLD 1)");
        assertThat(check(CheckScope.everything()).brokenRules()).isNotEmpty();
    }
}
