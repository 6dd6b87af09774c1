package dev.concert.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import dev.concert.domain.queue.QueueStatus;
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
        socket = new QueueSocket.SocketSubscriber("t", "203.0.113.7", session);
    }

    @Test
    void aSocketCountsAgainstTheAddressTheHandshakeFilterGaveIt() throws IOException {
        QueueSocket endpoint = new QueueSocket();
        endpoint.queue = mock(QueueService.class);
        endpoint.fanOut = mock(StatusFanOut.class);
        QueueView view = new QueueView("t", "u", QueueStatus.WAITING, 3, 3L, 1, null);
        when(endpoint.queue.status("t")).thenReturn(java.util.Optional.of(view));
        when(session.getRequestParameterMap()).thenReturn(java.util.Map.of("token", java.util.List.of("t"),
                SocketClient.PARAMETER, java.util.List.of("198.51.100.4")));

        endpoint.open(session);

        ArgumentCaptor<StatusSubscriber> subscribed = ArgumentCaptor.forClass(StatusSubscriber.class);
        verify(endpoint.fanOut).subscribe(subscribed.capture(), eq(view));
        assertThat(subscribed.getValue().token()).isEqualTo("t");
        assertThat(subscribed.getValue().client()).isEqualTo("198.51.100.4");
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
