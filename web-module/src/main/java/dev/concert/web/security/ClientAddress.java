package dev.concert.web.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The client a request comes from, for per-client limits. Behind a load balancer every request
 * comes from the balancer, so with {@code ratelimit.trust-forwarded-for=true} the last address of
 * {@code X-Forwarded-For} counts: the one our own proxy appended (after every field of the header,
 * as some proxies add a field of their own). Addresses before it are whatever the client wrote and
 * are never trusted. An IPv6 client counts by its /64, which one subscriber usually holds whole.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param forwardedFor every {@code X-Forwarded-For} field of the request, in order (may be empty)
     */
    public static String of(String remoteAddress, List<String> forwardedFor, boolean trustForwardedFor) {
        if (trustForwardedFor && forwardedFor != null) {
            for (int field = forwardedFor.size() - 1; field >= 0; field--) {
                String[] hops = forwardedFor.get(field).split(",");
                String last = hops[hops.length - 1].strip();
                if (!last.isEmpty()) {
                    return client(last);
                }
            }
        }
        return remoteAddress == null || remoteAddress.isBlank() ? "unknown" : client(remoteAddress);
    }

    /** An IPv4 address as it is; an IPv6 address as its /64 network. */
    static String client(String address) {
        if (!address.contains(":")) {
            return address;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.matches("[0-9a-fA-F:.]+(%[A-Za-z0-9]+)?")) {
            return address;   // not an address literal: counted as written, never resolved
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length != 16) {
                return literal;
            }
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
