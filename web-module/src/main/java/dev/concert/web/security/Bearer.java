package dev.concert.web.security;

import dev.concert.web.error.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** {@code Authorization: Bearer <credential>}, as the admin key filter and the queue token filters read and refuse it. */
public final class Bearer {

    private static final String PREFIX = "Bearer ";

    private Bearer() {
    }

    /** What follows "Bearer " (any case), stripped; empty when the header is absent or another scheme. */
    static Optional<String> credential(ContainerRequestContext request) {
        return credential(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** The same, from the header's value. */
    public static Optional<String> credential(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(PREFIX.length()).strip());
    }

    /** 401 {@code TOKEN_MISSING} with the challenge RFC 6750 asks for. */
    public static Response missing(String detail) {
        return ErrorCode.TOKEN_MISSING.problem(detail).toResponseBuilder()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** 401 {@code TOKEN_INVALID}: the credential is not one we know. */
    public static Response invalid(String detail) {
        return ErrorCode.TOKEN_INVALID.problem(detail).toResponseBuilder()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
    }
}
