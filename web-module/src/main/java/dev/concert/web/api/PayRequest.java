package dev.concert.web.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/payments}. A class, not a record: see ScheduleConcertRequest. */
public class PayRequest {

    @NotBlank
    @Size(max = 40)
    @Schema(description = "The caller's reservation, HELD", example = "r-3f0d8a52-5b1e-4c1a-9f57-2a9d8e3c4b11")
    public String reservationId;
}
