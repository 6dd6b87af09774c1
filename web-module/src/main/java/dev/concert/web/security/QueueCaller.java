package dev.concert.web.security;

import dev.concert.application.queue.QueueView;
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

    public String token() {
        return view().token();
    }
}
