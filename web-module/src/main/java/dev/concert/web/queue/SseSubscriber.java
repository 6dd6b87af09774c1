package dev.concert.web.queue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Server-Sent Events stream: events named {@code status} whose data is the status JSON.
 *
 * <p>Jersey writes the response's headers and its first events ({@link #BY_JERSEY}: the one sent when the
 * stream opens and the fan-out's first), in order, through its sink. Jersey writes an event on the calling
 * thread with a write and more than one flush, and Payara's HTTP layer promises only one write after
 * {@code isReady()} without blocking: measured at 10,000 streams, writes to clients that had stopped reading
 * then held writer threads until the container's write timeout. So from then on the stream writes each
 * event itself, as one write and one flush, with the response's output stream in non-blocking mode (a
 * {@link WriteListener}) and only when the container says it is ready; an event that finds it not ready
 * waits, as the one pending write the fan-out allows, until {@link #onWritePossible()}, and the fan-out
 * gives the client up if that takes too long. A write that fails (the client went away) closes the sink;
 * the fan-out drops closed subscribers.
 */
public class SseSubscriber implements StatusSubscriber, WriteListener {

    /** Writes left to Jersey: its sink commits the response and keeps these in order with the headers. */
    static final int BY_JERSEY = 2;
    static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final String token;
    private final String client;
    private final SseEventSink sink;
    private final Sse sse;
    /** The response's output stream, which Jersey's sink writes to; null when not known (Jersey writes all). */
    private final ServletOutputStream out;
    /** Guarded by {@code this}, as are the writes to {@code out}. */
    private int writes;
    private boolean nonBlocking;
    private byte[] pending;
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
        return write(status, null);
    }

    @Override
    public CompletionStage<Void> keepAlive() {
        return write(null, KEEP_ALIVE);
    }

    @Override
    public void lapse() {
        close();
    }

    @Override
    public void goAway() {
        close();
    }

    /** Writes {@code status} as an event, or {@code comment} (already encoded) when there is no status. */
    private CompletionStage<Void> write(QueueJson status, byte[] comment) {
        if (sink.isClosed()) {
            return CompletableFuture.completedFuture(null);   // the fan-out drops it at its next tick
        }
        synchronized (this) {
            if (out == null || writes < BY_JERSEY) {
                writes++;
                return byJersey(status);
            }
            byte[] event = status == null ? comment : event(status);
            try {
                if (!nonBlocking) {
                    out.setWriteListener(this);
                    nonBlocking = true;
                }
                if (!out.isReady()) {
                    pending = event;
                    pendingWritten = new CompletableFuture<>();
                    return pendingWritten;
                }
                out.write(event);
                out.flush();
                return CompletableFuture.completedFuture(null);
            } catch (IOException | RuntimeException clientGone) {
                closeSink();
                return CompletableFuture.failedFuture(clientGone);
            }
        }
    }

    /** The SSE encoding of a status event, as Jersey writes it. */
    static byte[] event(QueueJson status) {
        return ("event: status\nretry: " + status.pollAfterSeconds() * 1000L + "\ndata: " + status.toJson() + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private CompletionStage<Void> byJersey(QueueJson status) {
        var event = status == null ? sse.newEventBuilder().comment("keep-alive").build()
                : sse.newEventBuilder().name("status").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(QueueJson.class, status).reconnectDelay(status.pollAfterSeconds() * 1000L).build();
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

    /** Called by the container once the connection takes more (also once when the listener is set). */
    @Override
    public void onWritePossible() {
        CompletableFuture<Void> written;
        synchronized (this) {
            if (pending == null || !out.isReady()) {
                return;
            }
            written = pendingWritten;
            try {
                out.write(pending);
                out.flush();
            } catch (IOException | RuntimeException clientGone) {
                pending = null;
                pendingWritten = null;
                closeSink();
                written.completeExceptionally(clientGone);
                return;
            }
            pending = null;
            pendingWritten = null;
        }
        written.complete(null);
    }

    @Override
    public void onError(Throwable failure) {
        CompletableFuture<Void> written;
        synchronized (this) {
            written = pendingWritten;
            pending = null;
            pendingWritten = null;
            closeSink();
        }
        if (written != null) {
            written.completeExceptionally(failure);
        }
    }

    /** Ends the stream; never in the middle of one of this stream's own writes. */
    private void close() {
        synchronized (this) {
            closeSink();
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            // the client closed first
        }
    }
}
