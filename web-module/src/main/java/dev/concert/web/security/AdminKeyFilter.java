package dev.concert.web.security;

import dev.concert.application.config.Settings;
import dev.concert.web.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards {@link AdminOnly} endpoints with the shared key {@code admin.api-key}. Without a key the
 * admin API does not exist (404, as for any unknown path); a missing key is 401 {@code TOKEN_MISSING},
 * a wrong one 401 {@code TOKEN_INVALID}. Keys are compared in constant time.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

    @Inject
    Settings settings;

    public AdminKeyFilter() {
    }

    AdminKeyFilter(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String expected = settings.adminApiKey().orElse(null);
        if (expected == null) {
            request.abortWith(ErrorCode.NOT_FOUND.problem("No such resource").toResponse());
            return;
        }
        Optional<String> given = Bearer.credential(request);
        if (given.isEmpty()) {
            request.abortWith(Bearer.missing("Send the admin API key as Authorization: Bearer <key>"));
            return;
        }
        if (!MessageDigest.isEqual(given.get().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(Bearer.invalid("The admin API key is not valid"));
        }
    }
}
