package dev.concert.web.observe;

import dev.concert.web.error.RequestId;
import dev.concert.web.security.ForwardingProxies;
import dev.concert.web.security.TrustedProxies;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id} on every answer: the one a trusted proxy ({@code ratelimit.trusted-proxies}) sent,
 * when it is a plain word of at most 64 characters, else one made here. Anybody else's is not believed:
 * a client could otherwise put its own text into the server's log lines. For the time of the request the id
 * is also this thread's ({@link RequestId}), so that the server's own lines about it (an incident, an
 * operator's action) name it and can be found beside the balancer's. When the answer is complete, its
 * latency, status and access line go to {@link AccessLog} (a stream's answer never completes here: it is
 * not timed).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestIds extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Inject
    ForwardingProxies proxies;

    @Inject
    AccessLog log;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = idFor(request.getRemoteAddr(), request.getHeader(HEADER), proxies.trusted());
        response.setHeader(HEADER, id);
        RequestId.set(id);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log != null && !request.isAsyncStarted()) {
                log.answered(request, response.getStatus(), System.nanoTime() - started);
            }
            RequestId.clear();
        }
    }

    /** The id of a request from {@code remoteAddress} that sent {@code sent} (null: none). */
    static String idFor(String remoteAddress, String sent, TrustedProxies trusted) {
        if (sent != null && trusted.contains(remoteAddress) && WELL_FORMED.matcher(sent).matches()) {
            return sent;
        }
        // unique, not secret: the thread's own generator, not the shared SecureRandom every request would queue on
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
