package dev.concert.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.concert.web.security.ForwardingProxies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SocketClientTest {

    @Test
    void theHandshakeGoesOnWithTheClientsAddressAsAParameterReplacingOneTheClientSent() throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getParameterMap()).thenReturn(Map.of("token", new String[] {"t"},
                SocketClient.PARAMETER, new String[] {"10.0.0.1"}));   // a client trying to pass as another
        SocketClient filter = new SocketClient();
        filter.proxies = mock(ForwardingProxies.class);
        when(filter.proxies.clientOf(request)).thenReturn("203.0.113.7");
        FilterChain chain = mock(FilterChain.class);

        filter.doFilter(request, mock(HttpServletResponse.class), chain);

        ArgumentCaptor<ServletRequest> passedOn = ArgumentCaptor.forClass(ServletRequest.class);
        verify(chain).doFilter(passedOn.capture(), any());
        ServletRequest handshake = passedOn.getValue();
        assertThat(handshake.getParameterMap().get(SocketClient.PARAMETER)).containsExactly("203.0.113.7");
        assertThat(handshake.getParameter(SocketClient.PARAMETER)).isEqualTo("203.0.113.7");
        assertThat(handshake.getParameterValues("token")).containsExactly("t");
        assertThat(Collections.list(handshake.getParameterNames())).containsExactlyInAnyOrder("token", SocketClient.PARAMETER);
        assertThat(handshake.getParameter("absent")).isNull();
    }
}
