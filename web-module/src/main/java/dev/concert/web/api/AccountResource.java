package dev.concert.web.api;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.application.payment.PaymentService;
import dev.concert.application.reservation.ReservationHistory;
import dev.concert.application.wallet.WalletService;
import dev.concert.domain.reservation.ReservationStatus;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.IdempotencyKey;
import dev.concert.web.api.AccountJson.BalanceJson;
import dev.concert.web.api.AccountJson.PaymentJson;
import dev.concert.web.security.AnyToken;
import dev.concert.web.security.LimitedWrites;
import dev.concert.web.security.QueueCaller;
import dev.concert.web.security.ReplayableAfterTokenSpent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A user's account: the prepaid balance (잔액), charges to it, the payment history and the user's
 * reservations (live holds and tickets, for a page reloaded or opened in a second tab). Every path is
 * the token's own user's: another user's is 403 {@code FORBIDDEN}, whatever exists there.
 */
@Path("users/{userId}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Balance", description = "A prepaid balance in won. Any live queue token of the user (waiting or active).")
@SecurityRequirement(name = "queueToken")
public class AccountResource {

    @Inject
    WalletService wallets;

    @Inject
    PaymentService payments;

    @Inject
    ReservationHistory history;

    @Inject
    QueueCaller caller;

    @Inject
    SaleMetrics metrics;

    @GET
    @Path("balance")
    @AnyToken
    @Operation(summary = "The balance", description = "0 for a user who never charged.")
    @APIResponse(responseCode = "200", description = "The balance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BalanceJson.class),
                    examples = @ExampleObject(name = "balance", value = ApiExamples.BALANCE)))
    @APIResponse(responseCode = "401", ref = "TokenRefused")
    @APIResponse(responseCode = "403", ref = "OtherUsersToken")
    public BalanceJson balance(@Parameter(description = "The user's id, a UUID") @PathParam("userId") String userId) {
        String user = caller.requireUser(userId);
        return new BalanceJson(user, wallets.balance(user));
    }

    @POST
    @LimitedWrites
    @Path("balance/charges")
    @AnyToken
    @ReplayableAfterTokenSpent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Charge the balance",
            description = "Adds amount won and answers the new balance. Concurrent charges never lose an update. "
                    + "With an Idempotency-Key, a retry takes effect once and answers the same body again, also when the "
                    + "token it came with has lapsed or was spent by a payment since; the same key with another amount is "
                    + "422 IDEMPOTENCY_CONFLICT (401 with a token no longer live). Keys are kept per user, as long as "
                    + "the ledger.")
    @APIResponse(responseCode = "200", description = "The new balance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BalanceJson.class),
                    examples = @ExampleObject(name = "balance", value = ApiExamples.BALANCE)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: amount missing, not a whole number, or not "
            + "1..wallet.max-charge; a malformed Idempotency-Key (1..100 visible ASCII characters)")
    @APIResponse(responseCode = "401", ref = "TokenRefused")
    @APIResponse(responseCode = "403", ref = "OtherUsersToken")
    @APIResponse(responseCode = "422", ref = "IdempotencyConflict")
    public Response charge(@Parameter(description = "The user's id, a UUID") @PathParam("userId") String userId,
                           @Parameter(description = "Makes a retry take effect once") @HeaderParam("Idempotency-Key") String key,
                           @Valid @NotNull ChargeRequest body) {
        long amount = body.amount.longValueExact();
        if (caller.onlyReplays()) {   // the token is gone: only the retry of a charge made with this key is answered
            return wallets.replayOf(userId, amount, IdempotencyKey.ofHeader(key).orElseThrow())
                    .map(replayed -> {
                        metrics.charged(amount, true);
                        return Response.ok(new BalanceJson(userId, replayed.balance())).build();
                    })
                    .orElseGet(QueueCaller::notAReplay);
        }
        String user = caller.requireUser(userId);
        WalletService.Charged charged = wallets.charge(user, amount, IdempotencyKey.ofHeader(key));
        metrics.charged(amount, charged.replayed());
        return Response.ok(new BalanceJson(user, charged.balance())).build();
    }

    @GET
    @Path("reservations")
    @AnyToken
    @Tag(name = "Reservation")
    @Operation(summary = "The user's reservations, newest first",
            description = "Any live queue token of the user. With status, only the reservations in that status as it is "
                    + "now (a lapsed hold is EXPIRED at once, HELD lists only live holds); without, all of them. Each "
                    + "carries the concert's title and venue, when the show starts, the seat's section, row and place, "
                    + "and (CONFIRMED) the payment's id, so that a reloaded page or a second tab can show the fan's holds "
                    + "and tickets. At most the newest " + ReservationHistory.MAX_LISTED + ". Times are kept to the "
                    + "second: reservations made in the same second are listed in reservationId order.")
    @APIResponse(responseCode = "200", description = "The reservations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReservationDetailsJson.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "held", value = ApiExamples.USER_RESERVATIONS)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: status is not HELD, CONFIRMED, EXPIRED or CANCELLED")
    @APIResponse(responseCode = "401", ref = "TokenRefused")
    @APIResponse(responseCode = "403", ref = "OtherUsersToken")
    public List<ReservationDetailsJson> reservations(
            @Parameter(description = "The user's id, a UUID") @PathParam("userId") String userId,
            @Parameter(description = "HELD, CONFIRMED, EXPIRED or CANCELLED; absent for all")
            @QueryParam("status") String status) {
        String user = caller.requireUser(userId);
        return history.of(user, reservationStatus(status)).stream().map(ReservationDetailsJson::of).toList();
    }

    private static Optional<ReservationStatus> reservationStatus(String status) {
        if (status == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ReservationStatus.valueOf(status));
        } catch (IllegalArgumentException unknown) {
            throw DomainException.invalid("status must be one of HELD, CONFIRMED, EXPIRED, CANCELLED");
        }
    }

    @GET
    @Path("payments")
    @AnyToken
    @Tag(name = "Payment")
    @Operation(summary = "The user's payment history, newest first",
            description = "Times are kept to the second: payments made in the same second are listed in paymentId order.")
    @APIResponse(responseCode = "200", description = "The payments",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PaymentJson.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "payments", value = "[" + ApiExamples.PAYMENT + "]")))
    @APIResponse(responseCode = "401", ref = "TokenRefused")
    @APIResponse(responseCode = "403", ref = "OtherUsersToken")
    public List<PaymentJson> payments(@Parameter(description = "The user's id, a UUID") @PathParam("userId") String userId) {
        return payments.history(caller.requireUser(userId)).stream().map(PaymentJson::of).toList();
    }
}
