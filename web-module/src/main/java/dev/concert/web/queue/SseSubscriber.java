package dev.concert.web.queue;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * A Server-Sent Events stream: events named {@code status} whose data is the status JSON. Jersey
 * writes an event synchronously (the returned stage is already complete), so a send can block on
 * a client that stopped reading until the container's write timeout: {@link StatusFanOut} calls
 * it off its tick, one write at a time. Closing the sink does not unblock such a write. A write
 * that fails (the client went away) closes the sink; the fan-out drops closed subscribers.
 */
public class SseSubscriber implements StatusSubscriber {

    private final String token;
    private final String client;
    private final SseEventSink sink;
    private final Sse sse;

    public SseSubscriber(String token, String client, SseEventSink sink, Sse sse) {
        this.token = token;
        this.client = client;
        this.sink = sink;
        this.sse = sse;
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
    public void send(QueueJson status) {
        write(sse.newEventBuilder()
                .name("status")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(QueueJson.class, status)
                .reconnectDelay(status.pollAfterSeconds() * 1000L)
                .build());
    }

    @Override
    public void keepAlive() {
        write(sse.newEventBuilder().comment("keep-alive").build());
    }

    @Override
    public void lapse() {
        close();
    }

    @Override
    public void goAway() {
        close();
    }

    private void write(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return;
        }
        try {
            sink.send(event).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    close();
                }
            });
        } catch (RuntimeException closedMeanwhile) {
            close();
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
