package dev.concert.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class QueueSocketTest {

    static final QueueJson WAITING = new QueueJson("t", "u", "WAITING", 3L, 3L, 1, null);

    Session session;
    RemoteEndpoint.Async remote;
    QueueSocket.SocketSubscriber socket;

    @BeforeEach
    void setUp() {
        session = mock(Session.class);
        remote = mock(RemoteEndpoint.Async.class);
        when(session.getAsyncRemote()).thenReturn(remote);
        socket = new QueueSocket.SocketSubscriber("t", session);
    }

    @Test
    void aStatusIsQueuedWithoutWaitingAndDoneWhenTheContainerHasWrittenIt() {
        CompletableFuture<Void> written = socket.send(WAITING).toCompletableFuture();

        ArgumentCaptor<SendHandler> done = ArgumentCaptor.forClass(SendHandler.class);
        verify(remote).sendText(org.mockito.ArgumentMatchers.contains("\"position\":3"), done.capture());
        assertThat(written).isNotDone();

        done.getValue().onResult(new SendResult());
        assertThat(written).isCompleted();
    }

    @Test
    void aWriteTheContainerCouldNotMakeFails() {
        CompletableFuture<Void> written = socket.send(WAITING).toCompletableFuture();
        ArgumentCaptor<SendHandler> done = ArgumentCaptor.forClass(SendHandler.class);
        verify(remote).sendText(anyString(), done.capture());

        done.getValue().onResult(new SendResult(new IOException("Broken pipe")));

        assertThat(written).isCompletedExceptionally();
    }

    @Test
    void aKeepAliveIsAPingDoneOnlyWhenTheClientAnswersIt() throws IOException {
        CompletableFuture<Void> answered = socket.keepAlive().toCompletableFuture();

        verify(remote).sendPing(eq(ByteBuffer.allocate(0)));
        assertThat(answered).as("a client that does not read never answers").isNotDone();

        socket.answered();
        assertThat(answered).isCompleted();
    }

    @Test
    void aPingThatCannotBeSentFailsTheKeepAlive() throws IOException {
        doThrow(new IOException("closed")).when(remote).sendPing(any());

        assertThat(socket.keepAlive().toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void anUnaskedPongChangesNothing() {
        socket.answered();
        CompletableFuture<Void> answered = socket.keepAlive().toCompletableFuture();
        assertThat(answered).isNotDone();
    }
}
