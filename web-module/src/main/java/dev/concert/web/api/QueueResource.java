package dev.concert.web.api;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import dev.concert.application.config.Settings;
import dev.concert.web.error.ApiEndpoint;
import dev.concert.web.error.Problem;
import dev.concert.web.queue.QueueJson;
import dev.concert.web.queue.SseSubscriber;
import dev.concert.web.queue.StatusFanOut;
import dev.concert.web.security.AnyToken;
import dev.concert.web.security.Bearer;
import dev.concert.web.security.ForwardingProxies;
import dev.concert.web.security.QueueCaller;
import dev.concert.web.security.TokenInQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The waiting room (대기열): a token, its status by polling or by stream, leaving. */
@Path("queue")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queue", description = "The virtual waiting room. Tokens are opaque (256 random bits, base64url); "
        + "users are admitted strictly in the order of their first request, in batches, once a second.")
@SecurityScheme(securitySchemeName = "queueToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The queue token from POST /api/queue/tokens")
public class QueueResource {

    /** The answer carries the token: no cache may keep it. */
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
    /** Status carries the token too: no cache keeps it; a client may still send If-None-Match itself. */
    private static final CacheControl REVALIDATE = NO_STORE;

    @Inject
    QueueService queue;

    @Inject
    QueueCaller caller;

    @Inject
    StatusFanOut fanOut;

    @Inject
    ForwardingProxies proxies;

    @Inject
    Settings settings;

    @Inject
    SaleMetrics metrics;

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enter the queue",
            description = "A new token at the end of the line (201), or the user's live token with its place "
                    + "unchanged (200): asking again never moves a user back or forward. With auth.mode=jwt the request "
                    + "needs Authorization: Bearer <the site's sign-in JWT>, verified by MicroProfile JWT "
                    + "(mp.jwt.verify.publickey[.location], mp.jwt.verify.issuer, mp.jwt.verify.audiences; RS256, or ES256 "
                    + "with mp.jwt.verify.publickey.algorithm=ES256; claims iss, sub, exp, iat and jti required); its sub must be userId.")
    @APIResponse(responseCode = "201", description = "A new token, WAITING",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueJson.class),
                    examples = @ExampleObject(name = "waiting", value = ApiExamples.QUEUE_WAITING)))
    @APIResponse(responseCode = "200", description = "The user's existing live token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueJson.class)))
    @APIResponse(responseCode = "401", description = "auth.mode=jwt only: TOKEN_MISSING (no sign-in JWT) or TOKEN_INVALID "
            + "(its signature, issuer or expiry does not hold)")
    @APIResponse(responseCode = "403", description = "auth.mode=jwt only: FORBIDDEN, the JWT's sub is not userId")
    @APIResponse(responseCode = "400", description = "No userId, or not a UUID")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: more than ratelimit.token-issue.per-minute requests "
            + "a minute from this address (all instances together); Retry-After says when the minute is over",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "RATE_LIMITED", value = ApiExamples.RATE_LIMITED)))
    @APIResponse(responseCode = "503", description = "The queue store (Redis) cannot be reached; Retry-After says when to retry")
    public Response enter(@Valid @NotNull EnterQueueRequest body,
                          @Parameter(hidden = true) @jakarta.ws.rs.HeaderParam("Authorization") String authorization,
                          @Context HttpServletRequest http) {
        String userId = body.userId.toLowerCase(java.util.Locale.ROOT);
        if (settings.authMode() == Settings.AuthMode.JWT) {
            Optional<Response> refused = signedInAs(userId, authorization, http.getUserPrincipal());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        String client = proxies.clientOf(http);
        http.setAttribute(ApiEndpoint.USER, userId);
        QueueService.Entered entered = queue.enter(userId, client);
        if (entered.created()) {
            metrics.tokenIssued();
        }
        return Response.status(entered.created() ? Response.Status.CREATED : Response.Status.OK)
                .cacheControl(NO_STORE)
                .entity(QueueJson.of(entered.view()))
                .build();
    }

    /**
     * auth.mode=jwt: the caller must show the site's sign-in token for the very user it asks a place
     * for, so nobody but that user can take a place in their name or get their live token back.
     */
    private Optional<Response> signedInAs(String userId, String authorization, Principal caller) {
        Optional<String> jwt = Bearer.credential(authorization);
        if (jwt.isEmpty() || jwt.get().isEmpty()) {
            return Optional.of(Bearer.missing("Send the site's sign-in token as Authorization: Bearer <JWT>"));
        }
        Optional<String> subject = subjectOf(caller);
        if (subject.isEmpty()) {
            return Optional.of(Bearer.invalid("The sign-in token is not valid here: sign in again"));
        }
        if (!subject.get().equalsIgnoreCase(userId)) {
            throw new DomainException(Reason.FORBIDDEN, "The sign-in token is another user's than userId");
        }
        return Optional.empty();
    }

    /** Who Payara's MicroProfile JWT found the caller to be ({@code SignInMechanism}); empty when it refused the token. */
    static Optional<String> subjectOf(Principal caller) {
        return caller instanceof JsonWebToken jwt ? Optional.ofNullable(jwt.getSubject()) : Optional.empty();
    }

    @GET
    @Path("status")
    @AnyToken
    @SecurityRequirement(name = "queueToken")
    @Operation(summary = "The token's status",
            description = "Poll after pollAfterSeconds. The ETag changes only when status, position or activeUntil do; "
                    + "send it back as If-None-Match to get 304 with no body while nothing changed. Every use of the token "
                    + "(a 304 too) or an open status stream counts as the fan being present: a WAITING fan unseen for "
                    + "queue.waiting.idle-seconds loses the place, an ACTIVE one unseen for queue.active.idle-seconds "
                    + "frees the slot (never while holding a seat).")
    @APIResponse(responseCode = "200", description = "The status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueJson.class),
                    examples = {@ExampleObject(name = "waiting", value = ApiExamples.QUEUE_WAITING),
                            @ExampleObject(name = "active", value = ApiExamples.QUEUE_ACTIVE)}))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match")
    @APIResponse(responseCode = "401", description = "TOKEN_MISSING, or TOKEN_INVALID: unknown, lapsed, left, spent or "
            + "gone idle. The last status the client saw tells why: WAITING, the place was lost (ask for a token again: "
            + "the back of the line); ACTIVE, the admission window ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "TOKEN_INVALID", value = ApiExamples.TOKEN_INVALID)))
    public Response status(@Context Request request) {
        QueueView view = caller.view();
        EntityTag tag = new EntityTag(view.visibleState());
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.cacheControl(REVALIDATE).tag(tag).build();
        }
        return Response.ok(QueueJson.of(view)).tag(tag).cacheControl(REVALIDATE).build();
    }

    @DELETE
    @Path("tokens/current")
    @AnyToken
    @SecurityRequirement(name = "queueToken")
    @Operation(summary = "Leave the queue", description = "The token stops working at once; an active user's slot is freed.")
    @APIResponse(responseCode = "204", description = "Left")
    @APIResponse(responseCode = "401", ref = "TokenRefused")
    public Response leave() {
        queue.leave(caller.token());
        return Response.noContent().build();
    }

    @GET
    @Path("events")
    @AnyToken
    @TokenInQuery
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @SecurityRequirement(name = "queueToken")
    @Operation(summary = "The token's status as Server-Sent Events",
            description = "Events named `status` with the status JSON: one at once, then on every change of status and "
                    + "when the position improves (at most one a second); a comment line at least every 15 s. "
                    + "The stream ends when the token lapses. The token may be given as ?token= for EventSource.")
    @APIResponse(responseCode = "200", description = "text/event-stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    examples = @ExampleObject(name = "event", value = "event: status\ndata: " + ApiExamples.QUEUE_WAITING)))
    @APIResponse(responseCode = "401", ref = "TokenRefused")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: the token already has ratelimit.streams.per-token live "
            + "streams on this instance, or the client address ratelimit.streams.per-client; poll instead, or come back "
            + "after Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public void events(@Parameter(description = "The queue token, for clients that cannot set headers")
                       @jakarta.ws.rs.QueryParam("token") String tokenParameter,
                       @Context SseEventSink sink, @Context Sse sse, @Context HttpServletRequest request,
                       @Context HttpServletResponse response) throws IOException {
        fanOut.subscribe(new SseSubscriber(caller.token(), proxies.clientOf(request), sink, sse, response.getOutputStream()),
                caller.view());
    }
}
