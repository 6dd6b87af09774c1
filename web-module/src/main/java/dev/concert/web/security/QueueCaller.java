package dev.concert.web.security;

import dev.concert.application.queue.QueueView;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import jakarta.enterprise.context.RequestScoped;

/** The queue token of this request and its status, as the token filter found them. */
@RequestScoped
public class QueueCaller {

    private QueueView view;

    void identify(QueueView found) {
        this.view = found;
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
