package dev.concert.web.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxies whose {@code X-Forwarded-For} this server believes ({@code ratelimit.trusted-proxies}:
 * addresses or CIDR blocks, comma-separated, e.g. {@code 127.0.0.1, 10.0.0.0/8, fd00::/8}). A request
 * from anyone else is counted by its own address, whatever its headers say.
 */
public final class TrustedProxies {

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * @throws IllegalArgumentException for an entry that is not an address literal or a CIDR block
     */
    public static TrustedProxies of(String configured) {
        List<Block> blocks = new ArrayList<>();
        if (configured != null) {
            for (String entry : configured.split(",")) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] parts = trimmed.split("/", 2);
                byte[] network = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                        "ratelimit.trusted-proxies: '" + trimmed + "' is not an address or a CIDR block"));
                int prefix = network.length * 8;
                if (parts.length == 2) {
                    try {
                        prefix = Integer.parseInt(parts[1]);
                    } catch (NumberFormatException e) {
                        prefix = -1;
                    }
                    if (prefix < 0 || prefix > network.length * 8) {
                        throw new IllegalArgumentException("ratelimit.trusted-proxies: bad prefix in '" + trimmed + "'");
                    }
                }
                blocks.add(new Block(network, prefix));
            }
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    public boolean contains(String address) {
        return literal(address).map(bytes -> blocks.stream().anyMatch(block -> block.contains(bytes))).orElse(false);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The bytes of an IP address literal; empty for anything else (a name is never resolved). */
    static Optional<byte[]> literal(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String value = address.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        // an IPv4 dotted quad or an IPv6 literal; anything else (dead.beef is a host name) is never resolved
        boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = value.contains(":") && value.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value).getAddress());
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
