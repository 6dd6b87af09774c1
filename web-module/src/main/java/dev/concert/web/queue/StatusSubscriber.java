package dev.concert.web.queue;

import dev.concert.web.api.QueueJson;

/** One open stream of a token's status: a Server-Sent Events sink or a WebSocket session. */
public interface StatusSubscriber {

    String token();

    boolean isOpen();

    /** Sends the status; never blocks the caller. */
    void send(QueueJson status);

    /** Keeps proxies from closing an idle stream. */
    void keepAlive();

    /** The token has lapsed or was removed: end the stream as its protocol says. */
    void lapse();
}
