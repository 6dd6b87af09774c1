package dev.concert.web.api;

import dev.concert.application.catalog.ConcertCatalog;
import dev.concert.application.catalog.ConcertSummary;
import dev.concert.application.catalog.ScheduledConcert;
import dev.concert.web.api.CatalogJson.SeatJson;
import dev.concert.web.error.Problem;
import dev.concert.web.security.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators schedule concerts. */
@Path("admin/concerts")
@ApplicationScoped
@AdminOnly
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin", description = "Operators' API, guarded by Authorization: Bearer <admin.api-key>. "
        + "With no admin.api-key configured it does not exist (404).")
@SecurityRequirement(name = "adminKey")
public class AdminConcertResource {

    @Inject
    ConcertCatalog catalog;

    /** The scheduled concert with every date and its 50 seats. */
    @JsonbPropertyOrder({"id", "title", "venue", "dates"})
    public record ScheduledConcertJson(String id, String title, String venue, List<ScheduledDateJson> dates) {
    }

    @JsonbPropertyOrder({"date", "startsAt", "seats"})
    public record ScheduledDateJson(LocalDate date, OffsetDateTime startsAt, List<SeatJson> seats) {
    }

    @POST
    @Operation(summary = "Schedule a concert",
            description = "Creates the concert with its dates, each with seats 1..50 priced by seatPrice, seatPrices "
                    + "or the layout's sections, placed by the layout (default: rows A to E of ten seats), starting at "
                    + "startTime (default 19:00) where the concerts happen. Dates must be today or later and distinct. "
                    + "Unknown fields are ignored.")
    @APIResponse(responseCode = "201", description = "Scheduled; Location is the concert's dates",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduledConcertJson.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, wrong types, missing or invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "VALIDATION_FAILED", value = ApiExamples.VALIDATION_FAILED)))
    @APIResponse(responseCode = "401", description = "No key (TOKEN_MISSING) or a wrong key (TOKEN_INVALID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "TOKEN_MISSING", value = ApiExamples.ADMIN_KEY_MISSING)))
    @APIResponse(responseCode = "404", description = "The admin API is off: no admin.api-key is configured")
    @APIResponse(responseCode = "413", description = "The body is over 16 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "PAYLOAD_TOO_LARGE", value = ApiExamples.PAYLOAD_TOO_LARGE)))
    public Response schedule(@Valid @NotNull ScheduleConcertRequest body, @Context UriInfo uri) {
        ScheduledConcert scheduled = catalog.schedule(body.title, body.venue, body.dates, body.start(),
                body.seatLayout(), body.pricing());
        ConcertSummary concert = scheduled.concert();
        List<ScheduledDateJson> dates = scheduled.dates().stream()
                .map(map -> new ScheduledDateJson(map.date(), map.startsAt(), map.seats().stream().map(SeatJson::of).toList()))
                .toList();
        return Response.created(uri.getBaseUriBuilder().path("concerts/{id}/dates").build(concert.id()))
                .entity(new ScheduledConcertJson(String.valueOf(concert.id()), concert.title(), concert.venue(), dates))
                .build();
    }
}
