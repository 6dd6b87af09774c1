package dev.concert.web.queue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Keeps WebSocket handshakes off the DNS. Tyrus asks every upgrade request for {@code getLocalName()}
 * (only to fill in the session's server address), and Grizzly answers it with a reverse lookup of the
 * server's own address, uncached, on the request thread. Where that address has no entry in
 * {@code /etc/hosts}, each handshake waits for the resolver: under a crowd of handshakes, queries are
 * dropped and retried, and 42-49 % of 1,000 handshakes took exactly 5 or 10 s (the resolver's timeout,
 * once or twice; documents/streaming.md). Here the local name is the local address, as a literal.
 */
@WebFilter(urlPatterns = "/api/queue/ws", asyncSupported = true)
public class LocalAddressWithoutLookup extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new LiteralLocalName(request), response);
    }

    /** The request, whose local name is its local address. */
    static final class LiteralLocalName extends HttpServletRequestWrapper {

        LiteralLocalName(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getLocalName() {
            return getLocalAddr();
        }
    }
}
