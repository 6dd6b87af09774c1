package dev.concert.web.api;

import dev.concert.domain.concert.Concert;
import dev.concert.domain.concert.SeatLayout;
import dev.concert.domain.concert.SeatNumber;
import dev.concert.domain.concert.SeatPricing;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/admin/concerts}: a concert, its dates and the price of its seats.
 *
 * <p>A class with fields rather than a record: Payara 6's OpenAPI generator fails on Bean
 * Validation constraints that a record copies onto its constructor's parameters.
 */
@Schema(description = "Prices come from exactly one of: seatPrice (every seat), seatPrices (50 prices, seat 1 "
        + "first), or a price on every section of the layout.")
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

    @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a time of day, HH:mm")
    @Schema(description = "When each date's show starts, local time where the concerts happen (catalog.time-zone); "
            + "default 19:00", example = "18:30")
    public String startTime;

    @Valid
    @Schema(description = "Where the 50 seats sit: sections of whole rows filling seats 1..50 in order (the first "
            + "section's first row holds seat 1). Default: rows A to E of ten seats in one unnamed section.")
    public Layout layout;

    /** A seat layout as the operator writes it. */
    public static class Layout {
        @NotEmpty
        @Size(max = SeatNumber.SEATS_PER_DATE)
        @Schema(description = "Sections, front first")
        public List<@Valid @NotNull Section> sections;
    }

    /** One section of a layout: a name, its rows, seats per row and, optionally, the price of its seats. */
    public static class Section {
        @NotBlank
        @Size(max = SeatLayout.MAX_NAME)
        @Schema(example = "VIP")
        public String name;

        @NotEmpty
        @Size(max = SeatNumber.SEATS_PER_DATE)
        @Schema(description = "Row labels, front first: 1 to 4 letters or digits, unique in the layout",
                example = "[\"A\", \"B\"]")
        public List<@NotNull @Size(min = 1, max = SeatLayout.MAX_ROW_LABEL) String> rows;

        @NotNull
        @Positive
        @Max(SeatNumber.SEATS_PER_DATE)
        @Schema(example = "10")
        public Integer seatsPerRow;

        @Positive
        @Max(SeatPricing.MAX_PRICE)
        @Schema(description = "The price in won of each seat of the section: give it for every section (and leave out "
                + "seatPrice and seatPrices) or for none", example = "165000")
        public Long price;
    }

    /** One way of pricing: without a layout, exactly one of seatPrice and seatPrices (a layout's prices are the domain's to check). */
    @JsonbTransient
    @AssertTrue(message = "give exactly one of seatPrice and seatPrices (or prices on the layout's sections)")
    public boolean isPricing() {
        if (layout == null) {
            return (seatPrice == null) != (seatPrices == null);
        }
        return seatPrice == null || seatPrices == null;
    }

    /** The prices given per seat or for all seats; empty when the layout's sections set them. */
    Optional<SeatPricing> pricing() {
        if (seatPrices != null) {
            return Optional.of(SeatPricing.perSeat(seatPrices));
        }
        return Optional.ofNullable(seatPrice).map(SeatPricing::flat);
    }

    LocalTime start() {
        return startTime == null ? Concert.DEFAULT_START : LocalTime.parse(startTime);
    }

    /** The layout given, checked by the domain's rules; the standard one when none is. */
    SeatLayout seatLayout() {
        if (layout == null) {
            return SeatLayout.standard();
        }
        return SeatLayout.of(layout.sections.stream()
                .map(s -> new SeatLayout.Section(s.name, s.rows, s.seatsPerRow, s.price))
                .toList());
    }
}
