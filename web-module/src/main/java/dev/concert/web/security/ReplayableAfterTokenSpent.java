package dev.concert.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An idempotent write whose retry must get its original answer even after the first request spent its
 * token (a payment does) or the token lapsed: with an {@code Idempotency-Key}, a token the queue no longer
 * knows lets the request through as a replay only ({@link QueueCaller#onlyReplays()}). The resource then
 * answers what the key's first request was answered, when the key and the body match it, and 401
 * {@code TOKEN_INVALID} otherwise; it never makes a change for such a request.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReplayableAfterTokenSpent {

    /** The header that names a retry. */
    String HEADER = "Idempotency-Key";
}
