package dev.concert.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.application.config.Settings;
import dev.concert.web.error.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AdminKeyFilterTest {

    private static Response filter(Optional<String> key, String authorization) {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getHeaderString("Authorization")).thenReturn(authorization);
        new AdminKeyFilter(settings(key)).filter(request);
        ArgumentCaptor<Response> aborted = ArgumentCaptor.forClass(Response.class);
        verify(request, org.mockito.Mockito.atMost(1)).abortWith(aborted.capture());
        return aborted.getAllValues().isEmpty() ? null : aborted.getValue();
    }

    private static Settings settings(Optional<String> key) {
        return new Settings(300, 1000, 100, 600, 10_000_000L, key, "trust", 30);
    }

    private static String code(Response response) {
        return ((Problem) response.getEntity()).code();
    }

    @Test
    void theRightKeyPasses() {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getHeaderString("Authorization")).thenReturn("Bearer s3cret");
        new AdminKeyFilter(settings(Optional.of("s3cret"))).filter(request);
        verify(request, never()).abortWith(any());
    }

    @Test
    void withoutAConfiguredKeyTheAdminApiDoesNotExist() {
        Response response = filter(Optional.empty(), "Bearer anything");
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(code(response)).isEqualTo("NOT_FOUND");
        assertThat(filter(Optional.of("  "), "Bearer   ").getStatus()).isEqualTo(404);
    }

    @Test
    void aMissingKeyIsTokenMissing() {
        Response response = filter(Optional.of("s3cret"), null);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("TOKEN_MISSING");
        assertThat(response.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
        assertThat(code(filter(Optional.of("s3cret"), "Basic YWRtaW46"))).isEqualTo("TOKEN_MISSING");
    }

    @Test
    void aWrongKeyIsTokenInvalid() {
        Response response = filter(Optional.of("s3cret"), "Bearer s3cre");
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("TOKEN_INVALID");
    }
}
