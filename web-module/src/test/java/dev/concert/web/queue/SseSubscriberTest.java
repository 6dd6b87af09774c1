package dev.concert.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SseSubscriberTest {

    static final QueueJson WAITING = new QueueJson("t", "u", "WAITING", 3L, 3L, 1, null);

    /** The response's output stream as a container has it: ready or not, failing or not, with what was written. */
    static class Connection extends ServletOutputStream {
        boolean ready = true;
        IOException failure;
        WriteListener listener;
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            if (listener != null) {
                throw new IllegalStateException("set twice");
            }
            listener = writeListener;
        }

        @Override
        public void write(int b) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (!ready) {
                throw new IllegalStateException("written while not ready: this would block");
            }
            written.write(b);
        }

        String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    SseEventSink sink;
    Connection connection;
    SseSubscriber stream;

    @BeforeEach
    void setUp() {
        sink = mock(SseEventSink.class);
        when(sink.send(any())).thenAnswer(call -> CompletableFuture.completedFuture(null));
        Sse sse = mock(Sse.class);
        OutboundSseEvent.Builder builder = mock(OutboundSseEvent.Builder.class, RETURNS_SELF);
        when(builder.build()).thenAnswer(call -> mock(OutboundSseEvent.class));
        when(sse.newEventBuilder()).thenReturn(builder);
        connection = new Connection();
        stream = new SseSubscriber("t", "203.0.113.7", sink, sse, connection);
    }

    /** The event sent when the stream opens and the fan-out's first: Jersey's, in order with its headers. */
    void jerseyWritesTheFirstEvents() {
        stream.send(WAITING);
        stream.keepAlive();
        verify(sink, times(SseSubscriber.BY_JERSEY)).send(any());
        assertThat(connection.listener).isNull();
    }

    @Test
    void afterJerseysFirstEventsTheStreamWritesItselfInNonBlockingMode() {
        jerseyWritesTheFirstEvents();

        CompletableFuture<Void> written = stream.send(WAITING).toCompletableFuture();
        stream.keepAlive();

        assertThat(written).isCompleted();
        assertThat(connection.listener).isSameAs(stream);
        assertThat(connection.text()).isEqualTo("event: status\nretry: 1000\ndata: " + WAITING.toJson() + "\n\n"
                + ": keep-alive\n\n");
        verify(sink, times(SseSubscriber.BY_JERSEY)).send(any());
    }

    @Test
    void aConnectionThatIsNotReadyHoldsTheEventUntilTheContainerSaysItIs() {
        jerseyWritesTheFirstEvents();
        connection.ready = false;

        CompletableFuture<Void> written = stream.send(WAITING).toCompletableFuture();

        assertThat(written).as("nothing written while not ready, and no thread waits").isNotDone();
        assertThat(connection.text()).isEmpty();
        stream.onWritePossible();
        assertThat(written).as("a call while still not ready changes nothing").isNotDone();

        connection.ready = true;
        stream.onWritePossible();

        assertThat(written).isCompleted();
        assertThat(connection.text()).contains("\"position\":3");
    }

    @Test
    void aFailedConnectionClosesTheStreamAndFailsTheWaitingEvent() throws IOException {
        jerseyWritesTheFirstEvents();
        connection.ready = false;
        CompletableFuture<Void> written = stream.send(WAITING).toCompletableFuture();

        stream.onError(new IOException("Connection reset by peer"));

        assertThat(written).isCompletedExceptionally();
        verify(sink).close();
        connection.ready = true;
        stream.onWritePossible();
        assertThat(connection.text()).isEmpty();
    }

    @Test
    void aWriteThatFailsClosesTheStream() {
        jerseyWritesTheFirstEvents();
        connection.failure = new IOException("Broken pipe");

        assertThat(stream.send(WAITING).toCompletableFuture()).isCompletedExceptionally();
        verify(sink).close();
    }

    @Test
    void aSinkThatFailsToSendClosesTheStream() {
        when(sink.send(any())).thenReturn(CompletableFuture.failedFuture(new IOException("Broken pipe")));

        assertThat(stream.send(WAITING).toCompletableFuture()).isCompletedExceptionally();
        verify(sink).close();
    }

    @Test
    void aClosedSinkIsNotWrittenTo() {
        when(sink.isClosed()).thenReturn(true);

        assertThat(stream.send(WAITING).toCompletableFuture()).isCompleted();
        verify(sink, never()).send(any());
        assertThat(stream.isOpen()).isFalse();
    }
}
