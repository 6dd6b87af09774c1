package dev.concert.web.queue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Server-Sent Events stream: events named {@code status} whose data is the status JSON.
 *
 * <p>Jersey writes an event on the calling thread, and on a servlet output stream in blocking mode a write
 * to a client that stopped reading would hold that thread until the container's write timeout. So at its
 * first write from the fan-out the stream puts the response's output stream in non-blocking mode (a
 * {@link WriteListener}: the request is asynchronous by then) and writes only when the container says it
 * is ready: an event that finds it not ready waits, as the one pending write the fan-out allows, until the
 * container calls {@link #onWritePossible()}, and the fan-out gives the client up if that takes too long.
 * A write that fails (the client went away) closes the sink; the fan-out drops closed subscribers.
 */
public class SseSubscriber implements StatusSubscriber, WriteListener {

    private final String token;
    private final String client;
    private final SseEventSink sink;
    private final Sse sse;
    /** The response's output stream, which Jersey's sink writes to; null when not known (writes as Jersey does them). */
    private final ServletOutputStream out;
    private boolean nonBlocking;
    /** An event that found the connection not ready, and its writer's stage; guarded by {@code this}. */
    private OutboundSseEvent pending;
    private CompletableFuture<Void> pendingWritten;

    public SseSubscriber(String token, String client, SseEventSink sink, Sse sse, ServletOutputStream out) {
        this.token = token;
        this.client = client;
        this.sink = sink;
        this.sse = sse;
        this.out = out;
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public String client() {
        return client;
    }

    @Override
    public boolean isOpen() {
        return !sink.isClosed();
    }

    @Override
    public CompletionStage<Void> send(QueueJson status) {
        return write(sse.newEventBuilder()
                .name("status")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(QueueJson.class, status)
                .reconnectDelay(status.pollAfterSeconds() * 1000L)
                .build());
    }

    @Override
    public CompletionStage<Void> keepAlive() {
        return write(sse.newEventBuilder().comment("keep-alive").build());
    }

    @Override
    public void lapse() {
        close();
    }

    @Override
    public void goAway() {
        close();
    }

    private CompletionStage<Void> write(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return CompletableFuture.completedFuture(null);   // the fan-out drops it at its next tick
        }
        synchronized (this) {
            if (out != null && !nonBlocking) {
                try {
                    out.setWriteListener(this);
                    nonBlocking = true;
                } catch (IllegalStateException notAsynchronousYet) {
                    // the first event, on the request thread: Jersey holds it until it has written the headers
                }
            }
            if (nonBlocking && !out.isReady()) {
                pending = event;
                pendingWritten = new CompletableFuture<>();
                return pendingWritten;
            }
        }
        return writeNow(event);
    }

    /** Called by the container once the connection takes more (also once when the listener is set). */
    @Override
    public void onWritePossible() {
        OutboundSseEvent event;
        CompletableFuture<Void> written;
        synchronized (this) {
            event = pending;
            written = pendingWritten;
            pending = null;
            pendingWritten = null;
        }
        if (event != null) {
            writeNow(event).whenComplete((done, failure) -> {
                if (failure == null) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(failure);
                }
            });
        }
    }

    @Override
    public void onError(Throwable failure) {
        CompletableFuture<Void> written;
        synchronized (this) {
            written = pendingWritten;
            pending = null;
            pendingWritten = null;
        }
        close();
        if (written != null) {
            written.completeExceptionally(failure);
        }
    }

    private CompletionStage<Void> writeNow(OutboundSseEvent event) {
        try {
            return sink.send(event).<Void>handle((ignored, failure) -> {
                if (failure != null) {
                    close();
                    throw new IllegalStateException("The client went away", failure);
                }
                return null;
            });
        } catch (RuntimeException closedMeanwhile) {
            close();
            return CompletableFuture.failedFuture(closedMeanwhile);
        }
    }

    private void close() {
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            // the client closed first
        }
    }
}
