package dev.concert.domain.concert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.domain.shared.DomainException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SeatPricingTest {

    @Test
    void flatPriceAppliesToEverySeat() {
        SeatPricing pricing = SeatPricing.flat(150_000);
        assertThat(SeatNumber.all().mapToLong(pricing::priceOf)).containsOnly(150_000L);
    }

    @Test
    void perSeatPricesGoToSeatsInOrder() {
        List<Long> prices = LongStream.rangeClosed(1, 50).map(n -> n * 1_000).boxed().toList();
        SeatPricing pricing = SeatPricing.perSeat(prices);
        assertThat(pricing.priceOf(SeatNumber.of(1))).isEqualTo(1_000);
        assertThat(pricing.priceOf(SeatNumber.of(50))).isEqualTo(50_000);
    }

    @Test
    void perSeatPricesMustBeExactlyFifty() {
        assertThatThrownBy(() -> SeatPricing.perSeat(Collections.nCopies(49, 1_000L)))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("exactly 50");
    }

    @Test
    void missingPerSeatPriceIsRefused() {
        List<Long> prices = new ArrayList<>(Collections.nCopies(50, 1_000L));
        prices.set(7, null);
        assertThatThrownBy(() -> SeatPricing.perSeat(prices)).isInstanceOf(DomainException.class);
    }

    @Test
    void nonPositivePriceIsRefused() {
        assertThatThrownBy(() -> SeatPricing.flat(0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> SeatPricing.flat(-5)).isInstanceOf(DomainException.class);
    }

    @Test
    void absurdPriceIsRefused() {
        assertThatThrownBy(() -> SeatPricing.flat(SeatPricing.MAX_PRICE + 1)).isInstanceOf(DomainException.class);
    }
}
