package dev.concert.web.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs a live queue token, waiting or active: {@code Authorization: Bearer <token>}.
 * 401 {@code TOKEN_MISSING} without one, 401 {@code TOKEN_INVALID} for an unknown or lapsed one.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AnyToken {
}
