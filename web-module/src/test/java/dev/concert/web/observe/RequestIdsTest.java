package dev.concert.web.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.web.error.RequestId;
import dev.concert.web.security.ForwardingProxies;
import dev.concert.web.security.TrustedProxies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    static final TrustedProxies BALANCER = TrustedProxies.of("10.0.0.5");

    @Test
    void aTrustedProxysIdIsKept() {
        assertThat(RequestIds.idFor("10.0.0.5", "lb-3f2a9c:17", BALANCER)).isEqualTo("lb-3f2a9c:17");
    }

    @Test
    void anyoneElsesIdIsReplacedByOneMadeHere() {
        String made = RequestIds.idFor("203.0.113.7", "lb-3f2a9c", BALANCER);

        assertThat(made).isNotEqualTo("lb-3f2a9c");
        assertThat(UUID.fromString(made)).isNotNull();
        assertThat(RequestIds.idFor("203.0.113.7", "lb-3f2a9c", BALANCER)).as("a new one each time").isNotEqualTo(made);
    }

    @Test
    void aTrustedProxysIdThatIsNotAPlainWordIsReplacedToo() {
        for (String sent : new String[] {"", "x".repeat(65), "a b", "id\r\nX-Injected: 1", "<script>", "é"}) {
            assertThat(RequestIds.idFor("10.0.0.5", sent, BALANCER)).as(sent).isNotEqualTo(sent);
        }
        assertThat(RequestIds.idFor("10.0.0.5", null, BALANCER)).isNotNull();
    }

    @Test
    void everyAnswerCarriesTheIdWhichIsTheThreadsWhileTheRequestIsServed() throws Exception {
        RequestIds filter = new RequestIds();
        filter.proxies = mock(ForwardingProxies.class);
        when(filter.proxies.trusted()).thenReturn(BALANCER);
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn("10.0.0.5");
        when(request.getHeader("X-Request-Id")).thenReturn("lb-42");
        HttpServletResponse response = mock(HttpServletResponse.class);
        AtomicReference<String> during = new AtomicReference<>();
        FilterChain chain = (req, res) -> during.set(RequestId.current());

        filter.doFilter(request, response, chain);

        verify(response).setHeader(eq("X-Request-Id"), eq("lb-42"));
        assertThat(during.get()).isEqualTo("lb-42");
        assertThat(RequestId.current()).as("forgotten after the request").isEqualTo("-");
    }
}
