package dev.concert.web.api;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.application.payment.PaymentService;
import dev.concert.application.queue.QueueService;
import dev.concert.domain.shared.IdempotencyKey;
import dev.concert.web.api.AccountJson.PaymentJson;
import dev.concert.web.error.Problem;
import dev.concert.web.security.ActiveToken;
import dev.concert.web.security.LimitedWrites;
import dev.concert.web.security.QueueCaller;
import dev.concert.web.security.ReplayableAfterTokenSpent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Payment (결제) of a held seat from the balance; the queue token is spent by it. */
@Path("payments")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Payment", description = "Pays a hold from the prepaid balance, in one transaction.")
@SecurityRequirement(name = "queueToken")
public class PaymentResource {

    private static final Logger LOG = Logger.getLogger(PaymentResource.class.getName());

    @Inject
    PaymentService payments;

    @Inject
    QueueService queue;

    @Inject
    QueueCaller caller;

    @Inject
    SaleMetrics metrics;

    @POST
    @LimitedWrites
    @ActiveToken
    @ReplayableAfterTokenSpent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pay a hold",
            description = "Needs an ACTIVE token. In one transaction the balance is debited, the payment written, the seat "
                    + "SOLD and the reservation CONFIRMED; then the queue token expires (its next use is 401). With an "
                    + "Idempotency-Key, a request repeated while the first was in flight, or later (with the token the "
                    + "payment spent, or a new one), answers the original 201 body; the same key for another reservation "
                    + "is 422 (401 with a spent token). Keys are kept as long as the payment. A declined payment (402) "
                    + "is not kept under its key.")
    @APIResponse(responseCode = "201", description = "Paid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentJson.class),
                    examples = @ExampleObject(name = "paid", value = ApiExamples.PAYMENT)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: no reservationId; a malformed Idempotency-Key")
    @APIResponse(responseCode = "401", description = "TOKEN_MISSING or TOKEN_INVALID (a token no longer live, unless the "
            + "request repeats a payment made with its Idempotency-Key)")
    @APIResponse(responseCode = "402", description = "INSUFFICIENT_BALANCE: the hold is cancelled and the seat free again",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "INSUFFICIENT_BALANCE", value = ApiExamples.INSUFFICIENT_BALANCE)))
    @APIResponse(responseCode = "403", description = "TOKEN_NOT_ACTIVE")
    @APIResponse(responseCode = "404", ref = "ReservationNotFound")
    @APIResponse(responseCode = "409", description = "HOLD_EXPIRED (lapsed or cancelled) or ALREADY_PAID",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "HOLD_EXPIRED", value = ApiExamples.HOLD_EXPIRED)))
    @APIResponse(responseCode = "422", ref = "IdempotencyConflict")
    public Response pay(@Parameter(description = "Makes a retry take effect once") @HeaderParam("Idempotency-Key") String key,
                        @Valid @NotNull PayRequest body) {
        if (caller.onlyReplays()) {   // the token is gone: only the retry of a payment made with this key is answered
            return payments.replayOf(body.reservationId, IdempotencyKey.ofHeader(key).orElseThrow())
                    .map(replayed -> {
                        metrics.paid(replayed.payment().amount(), true);
                        return Response.status(Response.Status.CREATED).entity(PaymentJson.of(replayed.payment())).build();
                    })
                    .orElseGet(QueueCaller::notAReplay);
        }
        PaymentService.Paid paid = payments.pay(caller.userId(), body.reservationId, IdempotencyKey.ofHeader(key));
        metrics.paid(paid.payment().amount(), paid.replayed());
        spend(caller.token());
        return Response.status(Response.Status.CREATED).entity(PaymentJson.of(paid.payment())).build();
    }

    /**
     * The paid user's token expires, after the commit, so the next user can be admitted. The payment
     * stands if the queue store fails now: the answer is still 201, and the token lapses at its TTL.
     */
    private void spend(String token) {
        try {
            queue.leave(token);
        } catch (RuntimeException storeDown) {
            LOG.log(Level.WARNING, "Paid, but the queue token could not be expired now (it lapses at its TTL): {0}",
                    storeDown.toString());
        }
    }
}
