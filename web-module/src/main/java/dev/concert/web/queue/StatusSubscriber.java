package dev.concert.web.queue;


/**
 * One open stream of a token's status: a Server-Sent Events sink or a WebSocket session. Writes may
 * block on a slow client; {@link StatusFanOut} calls them on its writer pool, one at a time per stream.
 */
public interface StatusSubscriber {

    String token();

    /** The client address the stream was opened from (as the rate limits see it); null when it is not known. */
    String client();

    boolean isOpen();

    void send(QueueJson status);

    /** Keeps proxies from closing an idle stream. */
    void keepAlive();

    /** The token has lapsed or was removed: end the stream as its protocol says. */
    void lapse();

    /** The server is going away (shutdown, redeploy) or gives up on a client that stopped reading. */
    void goAway();
}
