package dev.concert.infrastructure.persistence;

import static dev.concert.infrastructure.persistence.TestDatabases.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.application.payment.PaymentDeclined;
import dev.concert.application.payment.PaymentService;
import dev.concert.application.queue.QueueService;
import dev.concert.application.reservation.ReservationDetails;
import dev.concert.application.reservation.ReservationHistory;
import dev.concert.application.reservation.ReservationService;
import dev.concert.application.reservation.ReservationView;
import dev.concert.application.wallet.WalletService;
import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.SeatPricing;
import dev.concert.domain.reservation.ReservationStatus;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import dev.concert.application.config.Settings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The booking use cases with their real repositories, real locks and real transactions, on H2 and on
 * MariaDB (DB_URL): many threads at once, then the invariants. The HTTP-level races are in the web
 * module's BookingApiIT; these pin the locking down where a failure is easiest to read.
 */
class BookingOnDatabaseTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00.123Z");
    static final LocalDate SHOW = LocalDate.parse("2026-12-24");
    static final long PRICE = 150_000;
    static final Settings SETTINGS = Settings.defaults();
    /** The queue, faked: these tests are about the database's locks; every hold's token stays active. */
    static final QueueService QUEUE = keepingEveryTokenActive();
    static final String TOKEN = "a-queue-token";

    static QueueService keepingEveryTokenActive() {
        QueueService queue = mock(QueueService.class);
        when(queue.keepActive(anyString(), any())).thenReturn(true);
        return queue;
    }

    record Booking(EntityManagerFactory emf, Clock clock) {

        <T> T reservations(Function<ReservationService, T> work) {
            return inTransaction(emf, em -> work.apply(new ReservationService(new JpaConcertRepository(em),
                    new JpaReservationRepository(em), new JpaWalletRepository(em), QUEUE, SETTINGS, clock)));
        }

        <T> T wallets(Function<WalletService, T> work) {
            return inTransaction(emf, em -> work.apply(new WalletService(new JpaWalletRepository(em), SETTINGS, clock)));
        }

        <T> T payments(Function<PaymentService, T> work) {
            return inTransaction(emf, em -> work.apply(new PaymentService(new JpaReservationRepository(em),
                    new JpaWalletRepository(em), new JpaPaymentRepository(em), clock)));
        }

        <T> T history(Function<ReservationHistory, T> work) {
            return inTransaction(emf, em -> work.apply(new ReservationHistory(new JpaReservationRepository(em),
                    new JpaPaymentRepository(em), clock)));
        }

        <T> T sql(Function<EntityManager, T> work) {
            return inTransaction(emf, work);
        }

        Booking at(Instant instant) {
            return new Booking(emf, Clock.fixed(instant, ZoneOffset.UTC));
        }

        long concert() {
            return sql(em -> {
                Concert concert = Concert.schedule("Test " + UUID.randomUUID(), "Hall", List.of(SHOW),
                        SeatPricing.flat(PRICE), LocalDate.ofInstant(NOW, ZoneOffset.UTC), NOW);
                new JpaConcertRepository(em).add(concert);
                return concert.id();
            });
        }

        long ledgerSum(String user) {
            return sql(em -> ((Number) em.createNativeQuery("SELECT COALESCE(SUM(amount), 0) FROM wallet_ledger WHERE user_id = ?")
                    .setParameter(1, user).getSingleResult()).longValue());
        }

        String stored(String sql, Object parameter) {
            return sql(em -> String.valueOf(em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()));
        }
    }

    static Booking booking(String url, String user, String password) {
        return new Booking(TestDatabases.factory(url, user, password), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static String fan() {
        return UUID.randomUUID().toString();
    }

    /** Runs {@code count} calls at once on their own threads; each answer is a value or the exception. */
    static List<Object> atOnce(int count, IntFunction<Object> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<Object> task = () -> {
                    start.await();
                    try {
                        return call.apply(n);
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<Object> answers = new ArrayList<>();
            for (Future<Object> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    static long refusedFor(List<Object> answers, Reason reason) {
        return answers.stream().filter(a -> a instanceof DomainException d && d.reason() == reason).count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void ofFiftySimultaneousHoldsOfOneSeatExactlyOneWins(String name, String url, String user, String password) throws Exception {
        Booking booking = booking(url, user, password);
        long concert = booking.concert();

        List<Object> answers = atOnce(50, n -> booking.reservations(r -> r.hold(fan(), TOKEN, concert, SHOW, 7)));

        assertThat(answers.stream().filter(ReservationView.class::isInstance)).hasSize(1);
        assertThat(refusedFor(answers, Reason.SEAT_UNAVAILABLE)).as(answers.toString()).isEqualTo(49);
        assertThat(booking.stored("""
                SELECT COUNT(*) FROM reservation r JOIN seat s ON s.id = r.seat_id JOIN concert_date d ON d.id = s.concert_date_id
                WHERE d.concert_id = ?""", concert)).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void aUserHoldsNoMoreThanTheLimitEvenAllAtOnce(String name, String url, String user, String password) throws Exception {
        Booking booking = booking(url, user, password);
        long concert = booking.concert();
        String fan = fan();

        List<Object> answers = atOnce(10, n -> booking.reservations(r -> r.hold(fan, TOKEN, concert, SHOW, 1 + n)));

        assertThat(answers.stream().filter(ReservationView.class::isInstance)).hasSize(SETTINGS.maxHoldsPerUser());
        assertThat(refusedFor(answers, Reason.RATE_LIMITED)).isEqualTo(10 - SETTINGS.maxHoldsPerUser());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void aLapsedHoldIsTakenOverWithoutASweep(String name, String url, String user, String password) {
        Booking booking = booking(url, user, password);
        long concert = booking.concert();
        ReservationView first = booking.reservations(r -> r.hold(fan(), TOKEN, concert, SHOW, 3));
        Booking later = booking.at(first.heldUntil());

        ReservationView second = later.reservations(r -> r.hold(fan(), TOKEN, concert, SHOW, 3));

        assertThat(second.status()).isEqualTo(ReservationStatus.HELD);
        assertThat(booking.stored("SELECT status FROM reservation WHERE id = ?", first.reservationId())).isEqualTo("EXPIRED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void sweepsRunningAtOnceCloseEachLapsedHoldOnce(String name, String url, String user, String password) throws Exception {
        Booking booking = booking(url, user, password);
        long concert = booking.concert();
        List<String> holds = new ArrayList<>();
        for (int seat = 1; seat <= 40; seat++) {
            int number = seat;
            holds.add(booking.reservations(r -> r.hold(fan(), TOKEN, concert, SHOW, number)).reservationId());
        }
        Booking later = booking.at(NOW.plusSeconds(SETTINGS.holdSeconds()));

        // four "instances" sweeping in batches of 5 at the same moment; other tests' lapsed holds count too
        List<Object> counts = atOnce(4, n -> {
            int total = 0;
            for (int expired; (expired = later.reservations(r -> r.expireLapsed(5))) > 0; ) {
                total += expired;
            }
            return total;
        });

        assertThat(counts.stream().mapToInt(c -> (Integer) c).sum()).isGreaterThanOrEqualTo(40);
        for (String hold : holds) {
            assertThat(booking.stored("SELECT status FROM reservation WHERE id = ?", hold)).isEqualTo("EXPIRED");
        }
        assertThat(booking.stored("""
                SELECT COUNT(*) FROM seat s JOIN concert_date d ON d.id = s.concert_date_id
                WHERE d.concert_id = ? AND s.status = 'AVAILABLE' AND s.user_id IS NULL""", concert)).isEqualTo("50");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void concurrentFirstChargesOfANewUserAllCount(String name, String url, String user, String password) throws Exception {
        Booking booking = booking(url, user, password);
        String fan = fan();

        List<Object> answers = atOnce(50, n -> booking.wallets(w -> w.charge(fan, 1_000 + n, Optional.empty())));

        assertThat(answers).allMatch(WalletService.Charged.class::isInstance);
        long expected = 50 * 1_000 + 49 * 50 / 2;
        assertThat((long) booking.wallets(w -> w.balance(fan))).isEqualTo(expected);
        assertThat(booking.ledgerSum(fan)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void paymentsAndChargesAtOnceKeepEveryWonAndNeverGoNegative(String name, String url, String user, String password)
            throws Exception {
        Booking booking = booking(url, user, password);
        long concert = booking.concert();
        String fan = fan();
        booking.wallets(w -> w.charge(fan, PRICE, Optional.empty()));
        List<String> holds = new ArrayList<>();
        for (int seat = 1; seat <= 4; seat++) {
            int number = seat;
            holds.add(booking.reservations(r -> r.hold(fan, TOKEN, concert, SHOW, number)).reservationId());
        }

        List<Object> answers = atOnce(24, n -> n < 4
                ? booking.payments(p -> p.pay(fan, holds.get(n), Optional.empty()))
                : booking.wallets(w -> w.charge(fan, 1_000, Optional.empty())));

        long paid = answers.subList(0, 4).stream().filter(PaymentService.Paid.class::isInstance).count();
        assertThat(answers.subList(0, 4)).allMatch(a -> a instanceof PaymentService.Paid || a instanceof PaymentDeclined);
        assertThat(paid).isBetween(1L, 4L);
        long expected = PRICE + 20 * 1_000 - paid * PRICE;
        assertThat(expected).isNotNegative();
        assertThat((long) booking.wallets(w -> w.balance(fan))).isEqualTo(expected);
        assertThat(booking.ledgerSum(fan)).isEqualTo(expected);
        assertThat(booking.stored("SELECT COUNT(*) FROM payment WHERE user_id = ?", fan)).isEqualTo(String.valueOf(paid));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void aDeclinedPaymentCommitsTheCancelledHold(String name, String url, String user, String password) {
        Booking booking = booking(url, user, password);
        long concert = booking.concert();
        String fan = fan();
        String hold = booking.reservations(r -> r.hold(fan, TOKEN, concert, SHOW, 12)).reservationId();

        assertThatThrownBy(() -> booking.payments(p -> p.pay(fan, hold, Optional.empty())))
                .isInstanceOf(PaymentDeclined.class);

        assertThat(booking.stored("SELECT status FROM reservation WHERE id = ?", hold)).isEqualTo("CANCELLED");
        assertThat(booking.reservations(r -> r.hold(fan(), TOKEN, concert, SHOW, 12)).status()).isEqualTo(ReservationStatus.HELD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void holdsMadeInTheSameSecondAreListedInReservationIdOrder(String name, String url, String user, String password) {
        Booking booking = booking(url, user, password);   // one fixed clock: every hold in the same second
        long concert = booking.concert();
        String fan = fan();
        List<String> held = new ArrayList<>();
        for (int seat : new int[] {7, 8, 9, 10}) {
            held.add(booking.reservations(r -> r.hold(fan, TOKEN, concert, SHOW, seat)).reservationId());
        }

        List<ReservationDetails> listed = booking.history(h -> h.of(fan, Optional.empty()));

        assertThat(listed).extracting(ReservationDetails::reservationId).containsExactlyElementsOf(held.stream().sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void aFansOwnReservationsAreListedNewestFirstWithTheirConcertPlaceAndPayment(String name, String url, String user,
                                                                                  String password) {
        Booking booking = booking(url, user, password);
        long concert = booking.concert();
        String fan = fan();
        booking.wallets(w -> w.charge(fan, PRICE, Optional.empty()));
        String bought = booking.reservations(r -> r.hold(fan, TOKEN, concert, SHOW, 3)).reservationId();
        String paymentId = booking.payments(p -> p.pay(fan, bought, Optional.empty())).payment().paymentId();
        String lapsing = booking.at(NOW.plusSeconds(10)).reservations(r -> r.hold(fan, TOKEN, concert, SHOW, 4)).reservationId();
        String live = booking.at(NOW.plusSeconds(20)).reservations(r -> r.hold(fan, TOKEN, concert, SHOW, 5)).reservationId();
        booking.reservations(r -> r.hold(fan(), TOKEN, concert, SHOW, 6));   // another fan's

        Booking look = booking.at(NOW.plusSeconds(15 + SETTINGS.holdSeconds()));   // the second lapsed, the third lives
        List<ReservationDetails> all = look.history(h -> h.of(fan, Optional.empty()));

        assertThat(all).extracting(ReservationDetails::reservationId).containsExactly(live, lapsing, bought);
        assertThat(all).extracting(ReservationDetails::status)
                .containsExactly(ReservationStatus.HELD, ReservationStatus.EXPIRED, ReservationStatus.CONFIRMED);
        assertThat(look.<List<ReservationDetails>>history(h -> h.of(fan, Optional.of(ReservationStatus.HELD))))
                .extracting(ReservationDetails::reservationId).containsExactly(live);
        assertThat(look.<List<ReservationDetails>>history(h -> h.of(fan, Optional.of(ReservationStatus.EXPIRED))))
                .extracting(ReservationDetails::reservationId).containsExactly(lapsing);
        assertThat(look.<List<ReservationDetails>>history(h -> h.of(fan, Optional.of(ReservationStatus.CANCELLED)))).isEmpty();
        ReservationDetails ticket = look.history(h -> h.of(fan, Optional.of(ReservationStatus.CONFIRMED))).get(0);
        assertThat(ticket.paymentId()).isEqualTo(paymentId);
        assertThat(ticket.title()).startsWith("Test ");
        assertThat(ticket.venue()).isEqualTo("Hall");
        assertThat(ticket.startsAt()).isEqualTo(OffsetDateTime.parse("2026-12-24T19:00:00Z"));
        assertThat(ticket.row()).isEqualTo("A");
        assertThat(ticket.seatInRow()).isEqualTo(3);
        assertThat(all.get(0).paymentId()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void timesReadBackAsTheyWereFirstAnswered(String name, String url, String user, String password) {
        Booking booking = booking(url, user, password);
        long concert = booking.concert();
        String fan = fan();
        booking.wallets(w -> w.charge(fan, PRICE, Optional.empty()));
        String hold = booking.reservations(r -> r.hold(fan, TOKEN, concert, SHOW, 20)).reservationId();

        PaymentService.Paid paid = booking.payments(p -> p.pay(fan, hold, Optional.empty()));

        Instant second = NOW.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(paid.payment().paidAt()).isEqualTo(second);
        assertThat(booking.payments(p -> p.history(fan)).get(0)).isEqualTo(paid.payment());
        assertThat(booking.reservations(r -> r.find(fan, hold)).heldUntil()).isEqualTo(second.plusSeconds(SETTINGS.holdSeconds()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void salesCountSoldAndLiveHeldSeatsAndRevenuePerDate(String name, String url, String user, String password) {
        Booking booking = booking(url, user, password);
        long concert = booking.concert();
        String fan = fan();
        booking.wallets(w -> w.charge(fan, PRICE, Optional.empty()));
        String paid = booking.reservations(r -> r.hold(fan, TOKEN, concert, SHOW, 1)).reservationId();
        booking.payments(p -> p.pay(fan, paid, Optional.empty()));
        booking.reservations(r -> r.hold(fan(), TOKEN, concert, SHOW, 2));

        var sales = booking.sql(em -> new dev.concert.application.operations.SalesReport(em, booking.clock()).byDate())
                .stream().filter(row -> row.concertId() == concert).toList();

        assertThat(sales).containsExactly(new dev.concert.application.operations.DateSales(concert,
                sales.get(0).title(), SHOW, 1, 1, PRICE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.concert.infrastructure.persistence.TestDatabases#all")
    void idempotencyKeysAreComparedAsWritten(String name, String url, String user, String password) {
        Booking booking = booking(url, user, password);
        String fan = fan();

        booking.wallets(w -> w.charge(fan, 1_000, Optional.of(new dev.concert.domain.shared.IdempotencyKey("Key-1"))));
        booking.wallets(w -> w.charge(fan, 1_000, Optional.of(new dev.concert.domain.shared.IdempotencyKey("key-1"))));
        long replay = booking.wallets(w -> w.charge(fan, 1_000, Optional.of(new dev.concert.domain.shared.IdempotencyKey("Key-1"))).balance());

        assertThat(replay).isEqualTo(1_000);
        assertThat((long) booking.wallets(w -> w.balance(fan))).isEqualTo(2_000);
    }
}
