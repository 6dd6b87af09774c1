package dev.concert.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalAddressWithoutLookupTest {

    @Test
    void theUpgradeSeesTheLocalAddressAsItsLocalNameAndTheContainerIsNeverAskedForTheName() throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getLocalAddr()).thenReturn("192.0.2.2");
        when(request.getLocalPort()).thenReturn(8080);
        AtomicReference<ServletRequest> passed = new AtomicReference<>();
        FilterChain chain = (req, res) -> passed.set(req);

        new LocalAddressWithoutLookup().doFilter(request, mock(HttpServletResponse.class), chain);

        HttpServletRequest seen = (HttpServletRequest) passed.get();
        assertThat(seen.getLocalName()).isEqualTo("192.0.2.2");
        assertThat(seen.getLocalPort()).as("everything else as it was").isEqualTo(8080);
        verify(request, never()).getLocalName();
    }

    @Test
    void theFilterPassesTheRequestOnOnce() throws Exception {
        FilterChain chain = mock(FilterChain.class);
        new LocalAddressWithoutLookup().doFilter(mock(HttpServletRequest.class), mock(HttpServletResponse.class), chain);
        verify(chain).doFilter(any(LocalAddressWithoutLookup.LiteralLocalName.class), any());
    }
}
