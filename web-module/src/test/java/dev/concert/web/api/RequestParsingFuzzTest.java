package dev.concert.web.api;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.SeatLayout;
import dev.concert.domain.concert.SeatNumber;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.reservation.Reservation;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.IdempotencyKey;
import dev.concert.web.error.BodySizeLimit;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Coverage-guided fuzzing (Jazzer) of what the server does with a request body before any use case
 * runs: strict JSON-B into each request class, Bean Validation, and the conversions the resources
 * make. The only ways out are an answer (a valid request) or a refusal the error mappers turn into a
 * 4xx (JsonbException, a constraint violation, DomainException, an out-of-range setting). Any other
 * exception, a StackOverflowError or a hang is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs kept under
 * {@code src/test/resources/dev/concert/web/api/RequestParsingFuzzTestInputs} (regression). With
 * {@code JAZZER_FUZZ=1} (CI) it also fuzzes: a fixed number of inputs ({@code fuzz.runs}) drawn from a fixed
 * seed ({@code fuzz.seed}, printed by libFuzzer as "INFO: Seed:"), both set in the module's pom and
 * settable with {@code -D}, so a CI finding reproduces exactly. Exploring with a new seed for a set time is
 * {@code web-module/fuzz.sh}; every finding is kept in the inputs directory as a regression input.
 */
class RequestParsingFuzzTest {

    static final Jsonb JSONB = JsonbBuilder.create(StrictJson.config());
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    /** At most 5 s per input (Jazzer turns JUnit's timeout into libFuzzer's): a hang is a finding, not a stuck build. */
    @FuzzTest(maxDuration = "15m")
    @org.junit.jupiter.api.Timeout(5)
    void anyBodyIsAnsweredOrRefusedNeverBroken(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 6);
        String body = data.consumeRemainingAsString();
        if (body.length() > BodySizeLimit.MAX_BYTES) {
            return; // refused with 413 before parsing
        }
        try {
            switch (kind) {
                case 0 -> enterQueue(body);
                case 1 -> holdSeat(body);
                case 2 -> charge(body);
                case 3 -> pay(body);
                case 4 -> schedule(body);
                case 5 -> steer(body);
                default -> IdempotencyKey.ofHeader(body);
            }
        } catch (JsonbException | DomainException | IllegalArgumentException refused) {
            // 400 (or 404/409 for a domain refusal): an answer, not a failure. IllegalArgumentException
            // is what QueueSettings says of a value out of range, which QueueOperations maps to 400.
            if (refused instanceof IllegalArgumentException && !(refused instanceof NumberFormatException)
                    && kind != 5) {
                throw refused;
            }
        }
    }

    private static <T> T valid(String body, Class<T> type) {
        T request = JSONB.fromJson(body, type);
        if (request == null) {
            throw new JsonbException("no body");
        }
        if (!VALIDATOR.validate(request).isEmpty()) {
            throw DomainException.invalid("constraint violated");
        }
        return request;
    }

    private static void enterQueue(String body) {
        valid(body, EnterQueueRequest.class).userId.toLowerCase(java.util.Locale.ROOT);
    }

    private static void holdSeat(String body) {
        HoldSeatRequest request = valid(body, HoldSeatRequest.class);
        Long.parseLong(request.concertId);
        PathParams.date(request.date);
        SeatNumber.of(request.seatNumber.intValueExact());
    }

    private static void charge(String body) {
        valid(body, ChargeRequest.class).amount.longValueExact();
    }

    private static void pay(String body) {
        Reservation.named(valid(body, PayRequest.class).reservationId);
    }

    private static void schedule(String body) {
        ScheduleConcertRequest request = valid(body, ScheduleConcertRequest.class);
        SeatLayout layout = request.seatLayout();
        Concert.schedule(request.title, request.venue, request.dates, request.start(), layout,
                layout.pricing(request.pricing()), TODAY, NOW);
    }

    private static void steer(String body) {
        AdminQueueResource.SettingsRequest request = valid(body, AdminQueueResource.SettingsRequest.class);
        new QueueSettings(100, 1000, false).with(request.admitPerSecond, request.activeMax, request.paused);
    }
}
