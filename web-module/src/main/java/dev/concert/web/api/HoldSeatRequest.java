package dev.concert.web.api;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/reservations}. A class, not a record: see ScheduleConcertRequest. */
public class HoldSeatRequest {

    @NotNull
    @Pattern(regexp = "[1-9][0-9]{0,17}", message = "must be a concert id")
    @Schema(description = "The concert's id", example = "1")
    public String concertId;

    @NotNull
    @Pattern(regexp = "[0-9]{4}-[0-9]{2}-[0-9]{2}", message = "must be a date as YYYY-MM-DD")
    @Schema(description = "A date the concert is performed on, YYYY-MM-DD", example = "2026-12-24")
    public String date;

    /** A BigDecimal, so that 1.5 is refused rather than cut to 1 on the way in (see WholeNumbers). */
    @NotNull
    @Digits(integer = 2, fraction = 0, message = "must be a whole number")
    @Min(1)
    @Max(50)
    @Schema(description = "The seat, 1..50", example = "12", type = SchemaType.INTEGER)
    public BigDecimal seatNumber;
}
