package dev.concert.web.api;

import dev.concert.application.catalog.ConcertCatalog;
import dev.concert.web.api.CatalogJson.ConcertJson;
import dev.concert.web.api.CatalogJson.DateJson;
import dev.concert.web.api.CatalogJson.SeatMapJson;
import dev.concert.web.error.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Concerts, their bookable dates and seat maps: readable by anyone, no token needed. */
@Path("concerts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog", description = "Concerts, dates and seats (조회). No token needed.")
public class ConcertResource {

    @Inject
    ConcertCatalog catalog;

    @GET
    @Operation(summary = "All concerts")
    @APIResponse(responseCode = "200", description = "Every concert, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConcertJson.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "concerts",
                            value = "[{\"id\":\"1\",\"title\":\"IU 2026 Winter Concert\",\"venue\":\"KSPO Dome, Seoul\"}]")))
    public List<ConcertJson> concerts() {
        return catalog.concerts().stream().map(ConcertJson::of).toList();
    }

    @GET
    @Path("{concertId}/dates")
    @Operation(summary = "Bookable dates of a concert",
            description = "Dates from today on (today where the concerts happen: catalog.time-zone, default "
                    + "Asia/Seoul) that still have at least one available seat, ascending. "
                    + "A hold that has lapsed counts as available at once.")
    @APIResponse(responseCode = "200", description = "The bookable dates with their available seats",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DateJson.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "dates", value = "[{\"date\":\"2026-12-24\",\"availableSeats\":37}]")))
    @APIResponse(responseCode = "404", description = "No such concert (any id that is not a concert's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "NOT_FOUND", value = ApiExamples.NOT_FOUND)))
    public List<DateJson> dates(
            @Parameter(description = "The concert's id", example = "1") @PathParam("concertId") String concertId) {
        return catalog.bookableDates(PathParams.concertId(concertId)).stream().map(DateJson::of).toList();
    }

    @GET
    @Path("{concertId}/dates/{date}/seats")
    @Operation(summary = "The 50 seats of a concert date",
            description = "All seats 1..50 with price (won) and status AVAILABLE, HELD or SOLD, as they are at this moment.")
    @APIResponse(responseCode = "200", description = "The seat map",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SeatMapJson.class),
                    examples = @ExampleObject(name = "seats", value = "{\"concertId\":\"1\",\"date\":\"2026-12-24\","
                            + "\"seats\":[{\"number\":1,\"price\":165000,\"status\":\"AVAILABLE\"},"
                            + "{\"number\":2,\"price\":165000,\"status\":\"HELD\"}]}")))
    @APIResponse(responseCode = "400", description = "The date is not YYYY-MM-DD or not a real day",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "VALIDATION_FAILED", value = ApiExamples.BAD_DATE)))
    @APIResponse(responseCode = "404", description = "No such concert, or the concert is not performed on that date",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "NOT_FOUND", value = ApiExamples.NOT_FOUND)))
    public SeatMapJson seats(
            @Parameter(description = "The concert's id", example = "1") @PathParam("concertId") String concertId,
            @Parameter(description = "The date, YYYY-MM-DD", example = "2026-12-24") @PathParam("date") String date) {
        return SeatMapJson.of(catalog.seatMap(PathParams.concertId(concertId), PathParams.date(date)));
    }
}
