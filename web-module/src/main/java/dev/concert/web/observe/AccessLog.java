package dev.concert.web.observe;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.web.error.ApiEndpoint;
import dev.concert.web.error.LogLines;
import dev.concert.web.error.RequestId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per answered API request on the logger {@value #LOGGER}, and its latency and status in the
 * metrics. The line's fields travel as a map parameter, which Payara's JSON log formatter writes as
 * fields of their own (instance, requestId, userId, endpoint, status, durationMs); a plain formatter
 * shows the message, which says the same. Status polls, the one request every waiting fan repeats, are
 * logged only when they fail (5xx): logging costs the hot path nothing.
 *
 * <p>Never in a line: tokens, sign-in JWTs, admin keys, Idempotency-Keys, bodies, query strings. The
 * endpoint is the path's template, not the path.
 */
@ApplicationScoped
public class AccessLog {

    public static final String LOGGER = "dev.concert.access";
    static final String STATUS_POLL = SaleMetrics.STATUS_POLL;
    private static final Logger LOG = Logger.getLogger(LOGGER);

    @Inject
    SaleMetrics metrics;

    public AccessLog() {
    }

    AccessLog(SaleMetrics metrics) {
        this.metrics = metrics;
    }

    /** {@code request} was answered {@code status} after {@code nanos}. Requests outside the API are left alone. */
    public void answered(HttpServletRequest request, int status, long nanos) {
        String endpoint = ApiEndpoint.of(request);
        if (endpoint == null) {
            return;
        }
        metrics.answered(endpoint, status, Duration.ofNanos(nanos));
        if (status < 500 && STATUS_POLL.equals(endpoint)) {
            return;
        }
        LogRecord line = line(endpoint, status, nanos, text(request, ApiEndpoint.USER));
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) line.getParameters()[0];
        for (String[] extra : new String[][] {{"concertId", ApiEndpoint.CONCERT_ID}, {"date", ApiEndpoint.DATE},
                {"cause", ApiEndpoint.CAUSE}}) {
            String value = text(request, extra[1]);
            if (value != null) {
                fields.put(extra[0], value);
            }
        }
        LOG.log(line);
    }

    private static String text(HttpServletRequest request, String attribute) {
        Object value = request.getAttribute(attribute);
        return value == null ? null : value.toString();
    }

    static LogRecord line(String endpoint, int status, long nanos, String userId) {
        long millis = nanos / 1_000_000;
        Map<String, Object> fields = new LinkedHashMap<>();
        if (userId != null) {
            fields.put("userId", userId);
        }
        fields.put("endpoint", endpoint);
        fields.put("status", status);
        fields.put("durationMs", millis);
        return LogLines.record(LOGGER, status >= 500 ? Level.WARNING : Level.INFO, endpoint + ' ' + status + ' ' + millis + " ms"
                + (userId == null ? "" : " user " + userId) + " request " + RequestId.current(), fields);
    }
}
