package dev.concert.ear;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.ear.ClusterIT.Journey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kill test's check "every payment a fan was told of is a sale", on fabricated results: it can fail. */
class PaymentsToldOfCheckTest {

    static final List<Journey> JOURNEYS = List.of(
            new Journey("u-1", List.of("kill-u-1-0"), "r-1"),
            new Journey("u-2", List.of(), null),
            new Journey("u-3", List.of("kill-u-3-0", "kill-u-3-1"), "r-3"));

    @Test
    void passesWhenEveryPaymentAnswered201IsASale() {
        assertThatCode(() -> ClusterIT.assertEveryPaymentToldOfIsASale(JOURNEYS, Set.of("r-1", "r-3", "r-9")))
                .doesNotThrowAnyException();
    }

    @Test
    void failsWhenAPaymentAnswered201IsMissingFromTheDatabase() {
        assertThatThrownBy(() -> ClusterIT.assertEveryPaymentToldOfIsASale(JOURNEYS, Set.of("r-1")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void failsWhenNoPaymentAtAllWasKept() {
        assertThatThrownBy(() -> ClusterIT.assertEveryPaymentToldOfIsASale(JOURNEYS, Set.of()))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aJourneyIsPaidOnlyWithAReservationAnswered201() {
        assertThatCode(() -> ClusterIT.assertEveryPaymentToldOfIsASale(List.of(new Journey("u-2", List.of(), null)), Set.of()))
                .doesNotThrowAnyException();
    }
}
