package dev.concert.web.api;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.application.reservation.ReservationService;
import dev.concert.application.reservation.ReservationView;
import dev.concert.web.error.ApiEndpoint;
import dev.concert.web.error.Problem;
import dev.concert.web.security.ActiveToken;
import dev.concert.web.security.AnyToken;
import dev.concert.web.security.LimitedWrites;
import dev.concert.web.security.QueueCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Seat holds (좌석 예약): hold a seat, read the hold, let it go. */
@Path("reservations")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reservation", description = "A seat held for its user for reservation.hold-seconds (default 300); "
        + "of simultaneous requests for one seat, on any number of instances, exactly one wins. An unpaid hold "
        + "lapses by itself: the seat is AVAILABLE the instant its time is up.")
@SecurityRequirement(name = "queueToken")
public class ReservationResource {

    @Inject
    ReservationService reservations;

    @Inject
    QueueCaller caller;

    @Inject
    SaleMetrics metrics;

    @POST
    @LimitedWrites
    @ActiveToken
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold a seat", description = "Needs an ACTIVE queue token. A user may hold at most "
            + "reservation.max-holds-per-user (default 4) seats at once.")
    @APIResponse(responseCode = "201", description = "Held; Location names the reservation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationJson.class),
                    examples = @ExampleObject(name = "held", value = ApiExamples.RESERVATION)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: a field is missing or malformed, the seat is "
            + "not 1..50, or the concert is not performed on that date (or the date has passed)")
    @APIResponse(responseCode = "401", ref = "TokenRefused")
    @APIResponse(responseCode = "403", description = "TOKEN_NOT_ACTIVE: the user is still waiting",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "TOKEN_NOT_ACTIVE", value = ApiExamples.TOKEN_NOT_ACTIVE)))
    @APIResponse(responseCode = "409", description = "SEAT_UNAVAILABLE: sold, or held by a live hold (also the caller's own)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "SEAT_UNAVAILABLE", value = ApiExamples.SEAT_UNAVAILABLE)))
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: the user already has the most live holds allowed; "
            + "Retry-After says when the first of them lapses",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "RATE_LIMITED", value = ApiExamples.HOLD_LIMIT)))
    @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: the database is down or the seat stayed locked "
            + "past the lock timeout; Retry-After says when to retry")
    public Response hold(@Valid @NotNull HoldSeatRequest body, @jakarta.ws.rs.core.Context UriInfo uri,
                         @jakarta.ws.rs.core.Context HttpServletRequest http) {
        http.setAttribute(ApiEndpoint.CONCERT_ID, body.concertId);   // for the access line: which date a lock wait hit
        http.setAttribute(ApiEndpoint.DATE, body.date);
        ReservationView held = reservations.hold(caller.userId(), caller.token(), Long.parseLong(body.concertId),
                PathParams.date(body.date), body.seatNumber.intValueExact());
        metrics.holdMade();
        return Response.created(uri.getAbsolutePathBuilder().path(held.reservationId()).build())
                .entity(ReservationJson.of(held))
                .build();
    }

    @GET
    @Path("{reservationId}")
    @AnyToken
    @Operation(summary = "A reservation of the caller",
            description = "Any live queue token of the owner. status is HELD, CONFIRMED, EXPIRED (a lapsed hold, at once) "
                    + "or CANCELLED.")
    @APIResponse(responseCode = "200", description = "The reservation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationJson.class),
                    examples = @ExampleObject(name = "held", value = ApiExamples.RESERVATION)))
    @APIResponse(responseCode = "401", ref = "TokenRefused")
    @APIResponse(responseCode = "404", ref = "ReservationNotFound")
    public ReservationJson find(@PathParam("reservationId") String reservationId) {
        return ReservationJson.of(reservations.find(caller.userId(), reservationId));
    }

    @DELETE
    @LimitedWrites
    @Path("{reservationId}")
    @AnyToken
    @Operation(summary = "Let a hold go",
            description = "Not in the contract; what a fan who changed their mind needs. The seat is AVAILABLE at once "
                    + "and the reservation CANCELLED.")
    @APIResponse(responseCode = "200", description = "The reservation, CANCELLED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationJson.class)))
    @APIResponse(responseCode = "401", ref = "TokenRefused")
    @APIResponse(responseCode = "404", ref = "ReservationNotFound")
    @APIResponse(responseCode = "409", description = "HOLD_EXPIRED (lapsed or cancelled already) or ALREADY_PAID")
    public ReservationJson cancel(@PathParam("reservationId") String reservationId) {
        ReservationView cancelled = reservations.cancel(caller.userId(), reservationId);
        metrics.holdCancelled();
        return ReservationJson.of(cancelled);
    }
}
