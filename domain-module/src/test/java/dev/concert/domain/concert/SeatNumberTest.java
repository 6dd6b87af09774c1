package dev.concert.domain.concert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeatNumberTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 25, 50})
    void numbersOneToFiftyAreSeats(int value) {
        assertThat(SeatNumber.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 51, Integer.MAX_VALUE})
    void numbersOutsideOneToFiftyAreRefusedAsInvalid(int value) {
        assertThatThrownBy(() -> SeatNumber.of(value))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).reason())
                .isEqualTo(Reason.VALIDATION_FAILED);
    }

    @Test
    void everyDateHasFiftySeatsInAscendingOrder() {
        assertThat(SeatNumber.all().map(SeatNumber::value).toList())
                .hasSize(50)
                .isSorted()
                .startsWith(1)
                .endsWith(50);
    }
}
