package dev.concert.web.security;

import dev.concert.application.queue.QueueView;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import jakarta.enterprise.context.RequestScoped;

/** The queue token of this request and its status, as the token filter found them. */
@RequestScoped
public class QueueCaller {

    private QueueView view;

    /** The token is no longer live, and the request may only repeat what its key did (see {@link ReplayableAfterTokenSpent}). */
    private boolean onlyReplays;

    void identify(QueueView found) {
        this.view = found;
    }

    void allowReplaysOnly() {
        this.onlyReplays = true;
    }

    /**
     * Whether this request came with a spent or lapsed token and an Idempotency-Key, on an endpoint that
     * answers such a retry with its original answer: it has no user, and must change nothing.
     */
    public boolean onlyReplays() {
        return onlyReplays;
    }

    /** 401 {@code TOKEN_INVALID} for a request that was let through as a replay and repeats nothing. */
    public static jakarta.ws.rs.core.Response notAReplay() {
        return Bearer.invalid("The queue token is unknown or has lapsed, and this request does not repeat one made "
                + "with its Idempotency-Key: ask for a new token");
    }

    public QueueView view() {
        if (view == null) {
            throw new IllegalStateException("No token filter ran for this request");
        }
        return view;
    }

    public String userId() {
        return view().userId();
    }

    /**
     * Refuses a user-scoped path of another user: a token speaks only for its own user.
     *
     * @throws DomainException {@code FORBIDDEN}
     */
    public String requireUser(String userId) {
        if (userId == null || !userId.equalsIgnoreCase(userId())) {
            throw new DomainException(Reason.FORBIDDEN, "This token belongs to another user");
        }
        return userId();
    }

    public String token() {
        return view().token();
    }
}
