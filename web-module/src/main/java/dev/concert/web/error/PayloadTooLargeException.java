package dev.concert.web.error;

import java.io.IOException;

/** Raised while reading a request body that is longer than {@link BodySizeLimit#MAX_BYTES}. */
public class PayloadTooLargeException extends IOException {

    static final String DETAIL = "The body is larger than " + BodySizeLimit.MAX_BYTES + " bytes";

    public PayloadTooLargeException() {
        super(DETAIL);
    }
}
