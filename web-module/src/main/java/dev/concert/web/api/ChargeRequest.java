package dev.concert.web.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/users/{userId}/balance/charges}. A class, not a record: see ScheduleConcertRequest.
 * The amount is read as a BigDecimal: JSON-B would cut 1.5 to 1 and wrap a number past a long into
 * garbage on its way into a {@code Long}; here both are refused with 400.
 */
public class ChargeRequest {

    @NotNull
    @Digits(integer = 19, fraction = 0, message = "must be a whole number of won")
    @Min(1)
    @DecimalMax(value = "9223372036854775807", message = "is too large")
    @Schema(description = "Won to add, 1..wallet.max-charge (default 10,000,000)", example = "50000", minimum = "1",
            type = SchemaType.INTEGER)
    public BigDecimal amount;
}
