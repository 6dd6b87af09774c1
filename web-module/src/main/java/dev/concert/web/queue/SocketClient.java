package dev.concert.web.queue;

import dev.concert.web.security.ForwardingProxies;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells a WebSocket its client's address. Jakarta WebSocket gives an endpoint no address and no headers,
 * only the handshake's parameters, which Tyrus takes from the request this filter passes on: so the
 * address, as {@code ratelimit.trusted-proxies} decides it (the same as for SSE streams and the other
 * per-client limits), goes in as the parameter {@link #PARAMETER}, replacing any value the client sent.
 * {@link QueueSocket} reads it and counts the socket against the address's cap of live streams.
 */
@WebFilter(urlPatterns = "/api/queue/ws", asyncSupported = true)
public class SocketClient extends HttpFilter {

    /** Not a name a client's own parameter can keep: this filter overwrites it. */
    static final String PARAMETER = "concert.client";

    @Inject
    ForwardingProxies proxies;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new WithClient(request, proxies.clientOf(request)), response);
    }

    /** The request, with the client's address among its parameters. */
    static final class WithClient extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        WithClient(HttpServletRequest request, String client) {
            super(request);
            Map<String, String[]> all = new LinkedHashMap<>(request.getParameterMap());
            all.put(PARAMETER, new String[] {client});
            this.parameters = Collections.unmodifiableMap(all);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }
}
