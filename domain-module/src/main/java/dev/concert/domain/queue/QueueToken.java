package dev.concert.domain.queue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Queue tokens: 256 bits, base64url without padding (43 characters). Opaque: they carry nothing.
 * The store never holds a token: it keys a ticket by the token's SHA-256 ({@link #key}), and a token is
 * the HMAC of its ticket's random id under a secret only the instances know ({@link #of}), so a
 * user asking again gets the same token back, and a copy of the store yields no usable token.
 */
public final class QueueToken {

    static final int BYTES = 32;
    static final int LENGTH = 43;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private QueueToken() {
    }

    public static String next(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** A random ticket id: what the store keeps so that the token can be made again. */
    public static String ticketId(SecureRandom random) {
        return next(random);
    }

    /** The token of a ticket: HMAC-SHA256 of its id under the instances' secret. */
    public static String of(byte[] secret, String ticketId) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            return ENCODER.encodeToString(mac.doFinal(ticketId.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /** What the store keys a ticket by: the token's SHA-256, base64url. */
    public static String key(String token) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return ENCODER.encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Whether a string could be a token at all: garbage is refused without asking the store. */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }
}
