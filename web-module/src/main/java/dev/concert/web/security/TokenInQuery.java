package dev.concert.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The token may also come as {@code ?token=}, for clients that cannot set headers (a browser's
 * EventSource). Only where the contract allows it: a token in a URL ends up in logs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TokenInQuery {
}
