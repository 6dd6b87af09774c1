package dev.concert.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.web.error.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class QueueTokenFilterTest {

    static final String TOKEN = "A".repeat(43);
    static final QueueView WAITING = new QueueView(TOKEN, "u-1", QueueStatus.WAITING, 3, 1L, 1, null);
    static final QueueView ACTIVE = new QueueView(TOKEN, "u-1", QueueStatus.ACTIVE, 0, 0L, 30, Instant.EPOCH);

    QueueService queue;
    QueueCaller caller;

    @SuppressWarnings("unused")
    void plainMethod() {
    }

    @TokenInQuery
    @SuppressWarnings("unused")
    void streamMethod() {
    }

    @ReplayableAfterTokenSpent
    @SuppressWarnings("unused")
    void replayableMethod() {
    }

    @BeforeEach
    void setUp() {
        queue = mock(QueueService.class);
        caller = new QueueCaller();
    }

    private <F extends QueueTokenFilter> F filter(F filter, String method) throws Exception {
        filter.queue = queue;
        filter.caller = caller;
        ResourceInfo resource = mock(ResourceInfo.class);
        Method m = QueueTokenFilterTest.class.getDeclaredMethod(method);
        when(resource.getResourceMethod()).thenReturn(m);
        filter.resource = resource;
        return filter;
    }

    private static ContainerRequestContext request(String authorization, String queryToken) {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getHeaderString("Authorization")).thenReturn(authorization);
        UriInfo uri = mock(UriInfo.class);
        var query = new MultivaluedHashMap<String, String>();
        if (queryToken != null) {
            query.add("token", queryToken);
        }
        when(uri.getQueryParameters()).thenReturn(query);
        when(request.getUriInfo()).thenReturn(uri);
        return request;
    }

    private static Response aborted(ContainerRequestContext request) {
        ArgumentCaptor<Response> response = ArgumentCaptor.forClass(Response.class);
        verify(request).abortWith(response.capture());
        return response.getValue();
    }

    private static String code(Response response) {
        return ((Problem) response.getEntity()).code();
    }

    @Test
    void noTokenIsTokenMissing() throws Exception {
        var request = request(null, null);
        filter(new AnyTokenFilter(), "plainMethod").filter(request);
        Response response = aborted(request);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("TOKEN_MISSING");
        assertThat(code(abortedFor(request("Bearer   ", null)))).isEqualTo("TOKEN_MISSING");
    }

    private Response abortedFor(ContainerRequestContext request) throws Exception {
        filter(new AnyTokenFilter(), "plainMethod").filter(request);
        return aborted(request);
    }

    @Test
    void anUnknownOrLapsedTokenIsTokenInvalid() throws Exception {
        when(queue.status(TOKEN)).thenReturn(Optional.empty());
        Response response = abortedFor(request("Bearer " + TOKEN, null));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("TOKEN_INVALID");
    }

    @Test
    void aWaitingTokenPassesAnyTokenAndTheCallerIsKnown() throws Exception {
        when(queue.status(TOKEN)).thenReturn(Optional.of(WAITING));
        var request = request("bearer " + TOKEN, null);
        filter(new AnyTokenFilter(), "plainMethod").filter(request);
        verify(request, never()).abortWith(any());
        assertThat(caller.userId()).isEqualTo("u-1");
        assertThat(caller.token()).isEqualTo(TOKEN);
        verify(request).setProperty(dev.concert.web.error.ApiEndpoint.USER, "u-1");   // the access line's user
    }

    @Test
    void aWaitingTokenIsNotActive() throws Exception {
        when(queue.currentStatus(TOKEN)).thenReturn(Optional.of(WAITING));
        var request = request("Bearer " + TOKEN, null);
        filter(new ActiveTokenFilter(), "plainMethod").filter(request);
        Response response = aborted(request);
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("TOKEN_NOT_ACTIVE");
        verify(request).setProperty(dev.concert.web.error.ApiEndpoint.USER, "u-1");   // a refusal names its user too
    }

    @Test
    void anActiveTokenPassesActiveToken() throws Exception {
        when(queue.currentStatus(TOKEN)).thenReturn(Optional.of(ACTIVE));
        var request = request("Bearer " + TOKEN, null);
        filter(new ActiveTokenFilter(), "plainMethod").filter(request);
        verify(request, never()).abortWith(any());
        assertThat(caller.view()).isEqualTo(ACTIVE);
        verify(queue, never()).status(TOKEN);   // never the instance's view of the line, which may be a second behind
    }

    @Test
    void aSpentTokenWithAnIdempotencyKeyPassesOnlyWhereARetryIsAnsweredAndThenOnlyAsAReplay() throws Exception {
        when(queue.currentStatus(TOKEN)).thenReturn(Optional.empty());
        var retry = request("Bearer " + TOKEN, null);
        when(retry.getHeaderString("Idempotency-Key")).thenReturn("k-1");
        filter(new ActiveTokenFilter(), "replayableMethod").filter(retry);
        verify(retry, never()).abortWith(any());
        assertThat(caller.onlyReplays()).isTrue();
        assertThatThrownBy(caller::userId).as("a replay has no user to act for").isInstanceOf(IllegalStateException.class);

        caller = new QueueCaller();
        var unkeyed = request("Bearer " + TOKEN, null);
        filter(new ActiveTokenFilter(), "replayableMethod").filter(unkeyed);
        assertThat(code(aborted(unkeyed))).isEqualTo("TOKEN_INVALID");

        var elsewhere = request("Bearer " + TOKEN, null);
        when(elsewhere.getHeaderString("Idempotency-Key")).thenReturn("k-1");
        filter(new ActiveTokenFilter(), "plainMethod").filter(elsewhere);
        assertThat(code(aborted(elsewhere))).isEqualTo("TOKEN_INVALID");
        assertThat(caller.onlyReplays()).isFalse();
    }

    @Test
    void theQueryTokenCountsOnlyWhereTheEndpointAllowsIt() throws Exception {
        when(queue.status(TOKEN)).thenReturn(Optional.of(WAITING));
        var stream = request(null, TOKEN);
        filter(new AnyTokenFilter(), "streamMethod").filter(stream);
        verify(stream, never()).abortWith(any());

        var plain = request(null, TOKEN);
        filter(new AnyTokenFilter(), "plainMethod").filter(plain);
        assertThat(code(aborted(plain))).isEqualTo("TOKEN_MISSING");
    }
}
