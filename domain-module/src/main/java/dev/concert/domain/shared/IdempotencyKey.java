package dev.concert.domain.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A client's {@code Idempotency-Key}: a retried request with the same key takes effect once and gets
 * the first answer again. Kept per user; 1..100 visible ASCII characters (a UUID is typical).
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 100;

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw DomainException.invalid("Idempotency-Key must be 1 to " + MAX_LENGTH
                    + " visible ASCII characters (a UUID is a good choice)");
        }
    }

    /** The key of a header value; empty for a missing header. */
    public static java.util.Optional<IdempotencyKey> ofHeader(String header) {
        return header == null ? java.util.Optional.empty() : java.util.Optional.of(new IdempotencyKey(header));
    }

    /**
     * The fingerprint of a request, stored with its key: the same key with a request of another
     * fingerprint is a conflict, not a retry. SHA-256 of the parts, hex.
     */
    public static String fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public static DomainException conflict() {
        return new DomainException(Reason.IDEMPOTENCY_CONFLICT,
                "This Idempotency-Key was used with another request; use a new key for a new request");
    }
}
