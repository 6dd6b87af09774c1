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
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SseSubscriberTest {

    static final QueueJson WAITING = new QueueJson("t", "u", "WAITING", 3L, 3L, 1, null);

    /** The response's output stream as a container has it: ready or not, a listener or none. */
    static class Connection extends ServletOutputStream {
        boolean asynchronous = true;
        boolean ready = true;
        WriteListener listener;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            if (!asynchronous) {
                throw new IllegalStateException("not an asynchronous request");
            }
            listener = writeListener;
        }

        @Override
        public void write(int b) {
            throw new AssertionError("the sink writes, not the subscriber");
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

    @Test
    void aReadyConnectionIsWrittenAtOnceInNonBlockingMode() {
        CompletionStage<Void> written = stream.send(WAITING);

        assertThat(written.toCompletableFuture()).isCompleted();
        assertThat(connection.listener).isSameAs(stream);
        verify(sink).send(any());
    }

    @Test
    void aConnectionThatIsNotReadyHoldsTheEventUntilTheContainerSaysItIs() {
        stream.send(WAITING);
        connection.ready = false;

        CompletableFuture<Void> written = stream.send(WAITING).toCompletableFuture();

        assertThat(written).isNotDone();
        verify(sink, times(1)).send(any());

        connection.ready = true;
        stream.onWritePossible();

        assertThat(written).isCompleted();
        verify(sink, times(2)).send(any());
    }

    @Test
    void theFirstEventOnTheRequestThreadIsWrittenAsJerseyDoesAndTheNextOnesWithoutBlocking() {
        connection.asynchronous = false;
        stream.send(WAITING);
        assertThat(connection.listener).isNull();
        verify(sink).send(any());

        connection.asynchronous = true;
        stream.keepAlive();

        assertThat(connection.listener).isSameAs(stream);
        verify(sink, times(2)).send(any());
    }

    @Test
    void aFailedConnectionClosesTheStreamAndFailsTheWaitingEvent() throws IOException {
        stream.send(WAITING);
        connection.ready = false;
        CompletableFuture<Void> written = stream.send(WAITING).toCompletableFuture();

        stream.onError(new IOException("Connection reset by peer"));

        assertThat(written).isCompletedExceptionally();
        verify(sink).close();
        stream.onWritePossible();
        verify(sink, times(1)).send(any());
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
