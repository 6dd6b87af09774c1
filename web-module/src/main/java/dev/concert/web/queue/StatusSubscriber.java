package dev.concert.web.queue;

import java.util.concurrent.CompletionStage;

/**
 * One open stream of a token's status: a Server-Sent Events sink or a WebSocket session. Writes never
 * block on a slow client: each returns a stage that completes once the transport has taken the message
 * (or, for a WebSocket keep-alive, once the client answered it) and fails when the client is gone. A
 * client that stops reading leaves the stage pending; {@link StatusFanOut} sends a stream nothing more
 * while one is pending and gives the client up when it stays pending too long, so what waits for a
 * stalled reader is at most one message and the transport's own buffers.
 */
public interface StatusSubscriber {

    String token();

    /** The client address the stream was opened from (as the rate limits see it); null when it is not known. */
    String client();

    boolean isOpen();

    CompletionStage<Void> send(QueueJson status);

    /** Keeps proxies from closing an idle stream, and shows whether the client still reads. */
    CompletionStage<Void> keepAlive();

    /** The token has lapsed or was removed: end the stream as its protocol says. */
    void lapse();

    /** The server is going away (shutdown, redeploy) or gives up on a client that stopped reading. */
    void goAway();
}
