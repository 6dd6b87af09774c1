package dev.concert.web.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write of the caller's (hold, cancel, charge, payment): counted against
 * {@code ratelimit.writes.per-user-per-minute}, after the token filter has said who the caller is.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LimitedWrites {
}
