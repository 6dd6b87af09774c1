package dev.concert.web.security;

/**
 * The address a request comes from, for per-client limits. Behind a load balancer every request
 * comes from the balancer, so with {@code ratelimit.trust-forwarded-for=true} the last address of
 * {@code X-Forwarded-For} counts: the one our own proxy appended. Addresses before it are whatever
 * the client wrote and are never trusted.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(String remoteAddress, String forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null && !forwardedFor.isBlank()) {
            String[] hops = forwardedFor.split(",");
            String last = hops[hops.length - 1].strip();
            if (!last.isEmpty()) {
                return last;
            }
        }
        return remoteAddress == null ? "unknown" : remoteAddress;
    }
}
