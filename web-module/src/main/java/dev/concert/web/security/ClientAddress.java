package dev.concert.web.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The client a request comes from, for per-client limits. Behind a load balancer every request
 * comes from the balancer, so a request from one of the {@link TrustedProxies} is counted by the
 * rightmost {@code X-Forwarded-For} address that is not itself a trusted proxy: the address our own
 * proxies saw. Everything left of it is whatever the client wrote and is never believed; a request
 * from anyone else is counted by its own address, so a client cannot forge the header. An IPv6
 * client counts by its /64, which one subscriber usually holds whole.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param forwardedFor every {@code X-Forwarded-For} field of the request, in order (may be empty)
     */
    public static String of(String remoteAddress, List<String> forwardedFor, TrustedProxies trusted) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        if (!trusted.contains(remoteAddress) || forwardedFor == null) {
            return client(remoteAddress);
        }
        for (int field = forwardedFor.size() - 1; field >= 0; field--) {
            String[] hops = forwardedFor.get(field).split(",");
            for (int hop = hops.length - 1; hop >= 0; hop--) {
                String address = hops[hop].strip();
                if (!address.isEmpty() && !trusted.contains(address)) {
                    return client(address);
                }
            }
        }
        return client(remoteAddress);   // every hop was one of ours
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
