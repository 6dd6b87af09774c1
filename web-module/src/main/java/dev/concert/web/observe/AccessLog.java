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
    /** Request attributes that become fields of the line when present: field name, attribute. */
    private static final String[][] NOTED = {{"concertId", ApiEndpoint.CONCERT_ID}, {"date", ApiEndpoint.DATE},
            {"cause", ApiEndpoint.CAUSE}};

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
        LOG.log(line(request, endpoint, status, nanos));
    }

    private static String text(HttpServletRequest request, String attribute) {
        Object value = request.getAttribute(attribute);
        return value == null ? null : value.toString();
    }

    /** The access line: the request's user, endpoint, status and duration, and what a resource or mapper noted. */
    static LogRecord line(HttpServletRequest request, String endpoint, int status, long nanos) {
        long millis = nanos / 1_000_000;
        String userId = text(request, ApiEndpoint.USER);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (userId != null) {
            fields.put("userId", userId);
        }
        fields.put("endpoint", endpoint);
        fields.put("status", status);
        fields.put("durationMs", millis);
        for (String[] noted : NOTED) {
            String value = text(request, noted[1]);
            if (value != null) {
                fields.put(noted[0], value);
            }
        }
        return LogLines.record(LOGGER, status >= 500 ? Level.WARNING : Level.INFO, endpoint + ' ' + status + ' ' + millis + " ms"
                + (userId == null ? "" : " user " + userId) + " request " + RequestId.current(), fields);
    }
}
