package dev.concert.web.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/queue/tokens}. A class, not a record: see ScheduleConcertRequest. */
public class EnterQueueRequest {

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @NotNull
    @Pattern(regexp = UUID, message = "must be a UUID")
    @Schema(description = "The user's id, a UUID", example = "6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10")
    public String userId;
}
