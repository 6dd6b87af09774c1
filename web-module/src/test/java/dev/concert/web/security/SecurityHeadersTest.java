package dev.concert.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    private static HttpServletRequest request(String method, String path, String origin) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getContextPath()).thenReturn("");
        when(request.getRequestURI()).thenReturn(path);
        when(request.getHeader("Origin")).thenReturn(origin);
        when(request.getHeader("Access-Control-Request-Method")).thenReturn("OPTIONS".equals(method) ? "POST" : null);
        return request;
    }

    @Test
    void pagesRunOnlyTheirOwnScriptsAndCannotBeFramed() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);
        HttpServletRequest request = request("GET", "/ops/", null);

        new SecurityHeaders().doFilter(request, response, chain);

        verify(response).setHeader("Content-Security-Policy", SecurityHeaders.PAGE_POLICY);
        assertThat(SecurityHeaders.PAGE_POLICY).contains("script-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
        verify(response).setHeader("X-Content-Type-Options", "nosniff");
        verify(response).setHeader("Referrer-Policy", "no-referrer");
        verify(response, never()).setHeader("Cache-Control", "no-store");
        verify(chain).doFilter(request, response);
    }

    @Test
    void waitingRoomAnswersCarryATokenAndAreNeverStored() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        new SecurityHeaders().doFilter(request("GET", "/api/queue/events", null), response, mock(FilterChain.class));

        verify(response).setHeader("Cache-Control", "no-store");
        verify(response).setHeader("Content-Security-Policy", SecurityHeaders.API_POLICY);
    }

    private static Cors cors(String origins) {
        Cors cors = new Cors();
        cors.configured = Optional.ofNullable(origins);
        cors.init();
        return cors;
    }

    @Test
    void withoutConfiguredOriginsThereIsNoCorsAtAll() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);
        HttpServletRequest preflight = request("OPTIONS", "/api/reservations", "https://evil.example");

        cors(null).doFilter(preflight, response, chain);

        verify(response, never()).setHeader(org.mockito.ArgumentMatchers.startsWith("Access-Control"), anyString());
        verify(chain).doFilter(preflight, response);
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredHereAndItsCallsMayBeRead() throws Exception {
        Cors cors = cors("https://tickets.example.com, https://m.tickets.example.com");
        HttpServletResponse preflightResponse = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);

        cors.doFilter(request("OPTIONS", "/api/reservations", "https://m.tickets.example.com"), preflightResponse, chain);

        verify(preflightResponse).setHeader("Access-Control-Allow-Origin", "https://m.tickets.example.com");
        verify(preflightResponse).setHeader("Access-Control-Allow-Headers", Cors.HEADERS);
        verify(preflightResponse).setStatus(204);
        verify(chain, never()).doFilter(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());

        HttpServletResponse callResponse = mock(HttpServletResponse.class);
        cors.doFilter(request("POST", "/api/reservations", "https://tickets.example.com"), callResponse, chain);
        verify(callResponse).setHeader("Access-Control-Allow-Origin", "https://tickets.example.com");
        verify(callResponse).setHeader("Access-Control-Expose-Headers", Cors.EXPOSED);
        verify(callResponse, never()).setHeader(org.mockito.ArgumentMatchers.eq("Access-Control-Allow-Credentials"), anyString());
    }

    @Test
    void anOriginNotListedGetsNoCorsHeader() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        cors("https://tickets.example.com").doFilter(request("POST", "/api/payments", "https://tickets.example.com.evil.example"),
                response, mock(FilterChain.class));
        verify(response, never()).setHeader(org.mockito.ArgumentMatchers.startsWith("Access-Control"), anyString());
    }

    @Test
    void anAuditLineNamesTheActionButNeverTheKey() {
        java.util.logging.LogRecord line = AdminAudit.record("PUT", "admin/queue/settings", 200, "203.0.113.7", "the-secret-admin-key");

        assertThat(line.getMessage()).isEqualTo("admin PUT /admin/queue/settings -> 200 from 203.0.113.7 key "
                + AdminAudit.fingerprint("the-secret-admin-key") + " request -").doesNotContain("secret");
        assertThat(line.getLoggerName()).isEqualTo("dev.concert.audit");
        assertThat(line.getParameters()[0]).asString().contains("path=/admin/queue/settings", "status=200", "client=203.0.113.7",
                "key=" + AdminAudit.fingerprint("the-secret-admin-key"), "instance=").doesNotContain("secret");
        assertThat(AdminAudit.fingerprint("the-secret-admin-key")).hasSize(8).isNotEqualTo(AdminAudit.fingerprint("other"));
        assertThat(AdminAudit.fingerprint(null)).isEqualTo("none");
    }
}
