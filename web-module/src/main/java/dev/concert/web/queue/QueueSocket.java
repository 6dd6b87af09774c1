package dev.concert.web.queue;

import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import dev.concert.application.metrics.SaleMetrics;
import dev.concert.domain.shared.TooManyRequests;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/queue/ws?token=...}: the same status JSON as SSE, over a WebSocket, fed by the
 * same {@link StatusFanOut}. An unknown or lapsed token closes the socket with code 4401. The
 * client may send {@code ping}; the server answers {@code pong}.
 */
@ServerEndpoint("/api/queue/ws")
public class QueueSocket {

    private static final Logger LOG = Logger.getLogger(QueueSocket.class.getName());
    static final CloseReason TOKEN_INVALID = new CloseReason(CloseReason.CloseCodes.getCloseCode(4401), "TOKEN_INVALID");
    static final CloseReason TRY_AGAIN_LATER = new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "SERVICE_UNAVAILABLE");
    /** More live streams for the token, or for the client's address, than it may have on this instance. */
    static final CloseReason RATE_LIMITED = new CloseReason(CloseReason.CloseCodes.getCloseCode(4429), "RATE_LIMITED");
    static final long REFUSE_AFTER_MS = 200;
    static final CloseReason GOING_AWAY = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server going away");

    @Inject
    QueueService queue;

    @Inject
    StatusFanOut fanOut;

    @Inject
    SaleMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private SocketSubscriber subscriber;

    @OnOpen
    public void open(Session session) throws IOException {
        String token = parameter(session, "token");
        Optional<QueueView> view;
        try {
            view = token == null ? Optional.empty() : queue.status(token);
        } catch (RuntimeException storeDown) {
            LOG.log(Level.WARNING, "Queue socket refused: the queue store is unavailable: {0}", storeDown.toString());
            refuse(session, TRY_AGAIN_LATER);
            return;
        }
        if (view.isEmpty()) {
            refuse(session, TOKEN_INVALID);
            return;
        }
        SocketSubscriber opened = new SocketSubscriber(token, parameter(session, SocketClient.PARAMETER), session);
        try {
            fanOut.subscribe(opened, view.get());
        } catch (TooManyRequests tooMany) {
            if (metrics != null) {
                metrics.rateLimited(tooMany.limit());
            }
            refuse(session, RATE_LIMITED);
            return;
        }
        subscriber = opened;
    }

    private static String parameter(Session session, String name) {
        return Optional.ofNullable(session.getRequestParameterMap().get(name))
                .filter(values -> !values.isEmpty()).map(values -> values.get(0)).orElse(null);
    }

    /**
     * Closes a socket refused in {@code @OnOpen} a moment later: Tyrus calls {@code @OnOpen} before
     * it flushes the 101 response, and a close that wins that race fails the handshake (the server
     * logged "Connection is closed" and answered 500 instead of the 4401 close).
     */
    private void refuse(Session session, CloseReason reason) {
        scheduler.schedule(() -> closeQuietly(session, reason), REFUSE_AFTER_MS, TimeUnit.MILLISECONDS);
    }

    @OnMessage
    public void message(String text, Session session) {
        if ("ping".equals(text.strip())) {
            synchronized (session) {   // one send at a time on a session: the fan-out sends too
                session.getAsyncRemote().sendText("pong");
            }
        }
    }

    /** The client's answer to the fan-out's keep-alive ping: it still reads. */
    @OnMessage
    public void pong(PongMessage pong) {
        if (subscriber != null) {
            subscriber.answered();
        }
    }

    @OnClose
    public void close() {
        if (subscriber != null) {
            fanOut.unsubscribe(subscriber);
        }
    }

    @OnError
    public void error(Throwable failure) {
        LOG.log(Level.FINE, "Queue socket failed", failure);
        close();
    }

    /** The socket as the fan-out sees it. */
    static final class SocketSubscriber implements StatusSubscriber {
        private final String token;
        private final String client;
        private final Session session;
        /** The keep-alive waiting for its pong, if any. */
        private final AtomicReference<CompletableFuture<Void>> pong = new AtomicReference<>();

        SocketSubscriber(String token, String client, Session session) {
            this.token = token;
            this.client = client;
            this.session = session;
        }

        @Override
        public String token() {
            return token;
        }

        /** The client's address as {@link SocketClient} put it in the handshake; null when it did not. */
        @Override
        public String client() {
            return client;
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        /** Queued on the socket without waiting; done once the container has written it. */
        @Override
        public CompletionStage<Void> send(QueueJson status) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            synchronized (session) {
                session.getAsyncRemote().sendText(status.toJson(), result -> {
                    if (result.isOK()) {
                        written.complete(null);
                    } else {
                        written.completeExceptionally(result.getException());
                    }
                });
            }
            return written;
        }

        /**
         * A ping, done when the client answers it with a pong (a browser does by itself): a client that
         * stopped reading never does, and the fan-out gives it up.
         */
        @Override
        public CompletionStage<Void> keepAlive() {
            CompletableFuture<Void> answered = new CompletableFuture<>();
            pong.set(answered);
            try {
                synchronized (session) {
                    session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                }
            } catch (IOException gone) {
                answered.completeExceptionally(gone);
            }
            return answered;
        }

        void answered() {
            CompletableFuture<Void> answered = pong.getAndSet(null);
            if (answered != null) {
                answered.complete(null);
            }
        }

        @Override
        public void lapse() {
            close(TOKEN_INVALID);
        }

        @Override
        public void goAway() {
            close(GOING_AWAY);
        }

        private void close(CloseReason reason) {
            closeQuietly(session, reason);
        }
    }

    static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException alreadyGone) {
            // closed by the client first
        }
    }
}
