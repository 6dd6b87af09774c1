package dev.concert.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

/** Payara's MP-JWT mechanism (faked) sees the sign-in token of token issue and nothing else. */
class SignInMechanismTest {

    final HttpAuthenticationMechanism microProfileJwt = mock(HttpAuthenticationMechanism.class);
    final SignInMechanism mechanism = new SignInMechanism(microProfileJwt);
    final HttpServletResponse response = mock(HttpServletResponse.class);
    final HttpMessageContext context = mock(HttpMessageContext.class);

    static HttpServletRequest request(String method, String path, String authorization) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getContextPath()).thenReturn("/concert");
        when(request.getRequestURI()).thenReturn("/concert" + path);
        when(request.getHeader("Authorization")).thenReturn(authorization);
        return request;
    }

    @Test
    void tokenIssueWithABearerGoesToMicroProfileJwt() throws Exception {
        HttpServletRequest request = request("POST", "/api/queue/tokens", "Bearer eyJ.a.b");
        when(microProfileJwt.validateRequest(any(), any(), any())).thenReturn(AuthenticationStatus.SUCCESS);

        assertThat(mechanism.validateRequest(request, response, context)).isEqualTo(AuthenticationStatus.SUCCESS);
        verify(microProfileJwt).validateRequest(any(), any(), any());
    }

    @Test
    void queueTokensAdminKeysAndOtherRequestsNeverReachIt() throws Exception {
        when(context.doNothing()).thenReturn(AuthenticationStatus.NOT_DONE);
        HttpServletRequest[] others = {
                request("GET", "/api/queue/status", "Bearer opaque-queue-token"),
                request("POST", "/api/reservations", "Bearer opaque-queue-token"),
                request("PUT", "/api/admin/queue/settings", "Bearer admin-key"),
                request("GET", "/api/queue/tokens", "Bearer eyJ.a.b"),
                request("POST", "/api/queue/tokens/x", "Bearer eyJ.a.b"),
                request("POST", "/api/queue/tokens", null),
                request("POST", "/api/queue/tokens", "Basic dXNlcjpwdw=="),
        };
        for (HttpServletRequest other : others) {
            assertThat(mechanism.validateRequest(other, response, context)).isEqualTo(AuthenticationStatus.NOT_DONE);
        }
        verifyNoInteractions(microProfileJwt);
    }

    @Test
    void aRefusedJwtLeavesTheRequestToTheResourceInsteadOfEndingItWithABareStatus() throws Exception {
        HttpServletRequest request = request("POST", "/api/queue/tokens", "Bearer forged");
        when(context.doNothing()).thenReturn(AuthenticationStatus.NOT_DONE);
        when(microProfileJwt.validateRequest(any(), any(), any()))
                .thenAnswer(call -> call.getArgument(2, HttpMessageContext.class).responseUnauthorized());

        assertThat(mechanism.validateRequest(request, response, context)).isEqualTo(AuthenticationStatus.NOT_DONE);
        verify(context, never()).responseUnauthorized();
        verifyNoInteractions(response);
    }
}
