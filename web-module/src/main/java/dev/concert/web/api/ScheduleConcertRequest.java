package dev.concert.web.api;

import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.SeatNumber;
import dev.concert.domain.concert.SeatPricing;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/admin/concerts}: a concert, its dates and the price of its seats.
 *
 * <p>A class with fields rather than a record: Payara 6's OpenAPI generator fails on Bean
 * Validation constraints that a record copies onto its constructor's parameters.
 */
@Schema(description = "Give either seatPrice (every seat) or seatPrices (50 prices, seat 1 first).")
public class ScheduleConcertRequest {

    @NotBlank
    @Size(max = Concert.MAX_TEXT)
    @Schema(example = "IU 2026 Winter Concert")
    public String title;

    @NotBlank
    @Size(max = Concert.MAX_TEXT)
    @Schema(example = "KSPO Dome, Seoul")
    public String venue;

    @NotEmpty
    @Size(max = Concert.MAX_DATES)
    @Schema(description = "Distinct dates, today or later, YYYY-MM-DD", example = "[\"2026-12-24\", \"2026-12-25\"]")
    public List<@NotNull LocalDate> dates;

    @Positive
    @Max(SeatPricing.MAX_PRICE)
    @Schema(description = "The price in won of every seat", example = "150000")
    public Long seatPrice;

    @Size(min = SeatNumber.SEATS_PER_DATE, max = SeatNumber.SEATS_PER_DATE, message = "must hold exactly 50 prices")
    @Schema(description = "50 prices in won, the first for seat 1")
    public List<@NotNull @Positive @Max(SeatPricing.MAX_PRICE) Long> seatPrices;

    @JsonbTransient
    @AssertTrue(message = "give exactly one of seatPrice and seatPrices")
    public boolean isPricing() {
        return (seatPrice == null) != (seatPrices == null);
    }

    SeatPricing pricing() {
        return seatPrices != null ? SeatPricing.perSeat(seatPrices) : SeatPricing.flat(seatPrice);
    }
}
