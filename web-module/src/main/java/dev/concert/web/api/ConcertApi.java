package dev.concert.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API of the contract, under {@code /api}. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Concert reservation API", version = "1.0",
        description = "Waiting room, seats, holds, balances and payments. Every 4xx/5xx answer is "
                + "application/problem+json (RFC 9457) with a `code` from the contract (VALIDATION_FAILED, "
                + "TOKEN_MISSING, TOKEN_INVALID, TOKEN_NOT_ACTIVE, FORBIDDEN, NOT_FOUND, SEAT_UNAVAILABLE, "
                + "HOLD_EXPIRED, ALREADY_PAID, INSUFFICIENT_BALANCE, IDEMPOTENCY_CONFLICT, RATE_LIMITED, "
                + "PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE). Where the contract is silent: 405/406/415 keep their "
                + "status with code VALIDATION_FAILED; an unexpected failure is 500 with code INTERNAL_ERROR "
                + "and an incident id, nothing else; a validation failure lists each refused field in `errors`; "
                + "a body field the endpoint does not know, a fraction or a string where a whole number belongs, and a string where "
                + "true/false belongs are 400; bodies over 16 KiB are 413 PAYLOAD_TOO_LARGE; a database or Redis that cannot be reached "
                + "is 503 SERVICE_UNAVAILABLE with Retry-After. Money is whole won; times are ISO-8601 UTC."),
        // the refusals several operations share, declared once and referred to by name (ref = "TokenRefused");
        // every refusal's problem+json content and the Problem schema come from OpenApiProblems
        components = @Components(responses = {
                @APIResponse(name = "TokenRefused", description = "TOKEN_MISSING or TOKEN_INVALID",
                        content = @Content(mediaType = "application/problem+json",
                                examples = @ExampleObject(name = "TOKEN_INVALID", value = ApiExamples.TOKEN_INVALID))),
                @APIResponse(name = "OtherUsersToken", description = "FORBIDDEN: the token belongs to another user",
                        content = @Content(mediaType = "application/problem+json",
                                examples = @ExampleObject(name = "FORBIDDEN", value = ApiExamples.FORBIDDEN))),
                @APIResponse(name = "ReservationNotFound", description = "NOT_FOUND: no such reservation, or another user's"),
                @APIResponse(name = "IdempotencyConflict", description = "IDEMPOTENCY_CONFLICT: the Idempotency-Key was used "
                        + "with another request",
                        content = @Content(mediaType = "application/problem+json",
                                examples = @ExampleObject(name = "IDEMPOTENCY_CONFLICT", value = ApiExamples.IDEMPOTENCY_CONFLICT)))
        }))
@SecurityScheme(securitySchemeName = "adminKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operators' key, admin.api-key")
public class ConcertApi extends Application {

    /**
     * Jersey's own Bean Validation is off: the resources are CDI beans, so Hibernate Validator's CDI
     * interceptor already validates every constrained parameter (and return value) of their methods,
     * and Jersey validated each valid request a second time (documents/performance.md). The refusals
     * are unchanged, the same {@code ConstraintViolationException} to the same mapper; HostileInputIT
     * and the APIs' ITs hold them.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.beanValidation.disable.server", true);
    }
}
