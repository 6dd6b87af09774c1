package dev.concert.domain.queue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Queue tokens: 256 random bits from a {@link SecureRandom}, base64url without padding (43
 * characters). Opaque: they carry nothing, all state is in the store.
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

    /** Whether a string could be a token at all: garbage is refused without asking the store. */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }
}
