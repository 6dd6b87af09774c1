package dev.concert.web.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.web.error.ApiEndpoint;
import dev.concert.web.error.RequestId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    final SaleMetrics metrics = mock(SaleMetrics.class);
    final AccessLog log = new AccessLog(metrics);
    final List<LogRecord> lines = new ArrayList<>();
    final Handler kept = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(AccessLog.LOGGER).addHandler(kept);
        RequestId.set("req-7");
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(AccessLog.LOGGER).removeHandler(kept);
        RequestId.clear();
    }

    static HttpServletRequest request(String endpoint, String path, String user) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(ApiEndpoint.ATTRIBUTE)).thenReturn(endpoint);
        when(request.getAttribute(ApiEndpoint.USER)).thenReturn(user);
        when(request.getRequestURI()).thenReturn(path);
        when(request.getMethod()).thenReturn("GET");
        return request;
    }

    @Test
    void anAnswerIsOneLineWithItsFieldsAndItsFiguresInTheMetrics() {
        log.answered(request("POST /api/payments", "/api/payments", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"), 201, 12_400_000);

        verify(metrics).answered("POST /api/payments", 201, Duration.ofNanos(12_400_000));
        assertThat(lines).hasSize(1);
        LogRecord line = lines.get(0);
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getMessage()).isEqualTo("POST /api/payments 201 12 ms user 3f2504e0-4f89-11d3-9a0c-0305e82c3301 request req-7");
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) line.getParameters()[0];
        assertThat(fields).containsEntry("requestId", "req-7")
                .containsEntry("userId", "3f2504e0-4f89-11d3-9a0c-0305e82c3301").containsEntry("endpoint", "POST /api/payments")
                .containsEntry("status", 201).containsEntry("durationMs", 12L).containsKey("instance");
    }

    @Test
    void aStatusPollIsLoggedOnlyWhenItFails() {
        log.answered(request("GET /api/queue/status", "/api/queue/status", "u"), 200, 1_000);
        log.answered(request("GET /api/queue/status", "/api/queue/status", "u"), 304, 1_000);
        log.answered(request("GET /api/queue/status", "/api/queue/status", "u"), 401, 1_000);
        assertThat(lines).isEmpty();

        log.answered(request("GET /api/queue/status", "/api/queue/status", "u"), 503, 1_000);
        assertThat(lines).singleElement().extracting(LogRecord::getLevel).isEqualTo(Level.WARNING);
        verify(metrics, org.mockito.Mockito.times(4)).answered(org.mockito.ArgumentMatchers.eq("GET /api/queue/status"),
                org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.any());
    }

    @Test
    void aRequestThatMatchedNoEndpointGoesUnderOneNameAndPagesAreLeftAlone() {
        log.answered(request(null, "/api/no/such/thing/3f2504e0", null), 404, 1_000);
        verify(metrics).answered("GET /api/{unmatched}", 404, Duration.ofNanos(1_000));
        assertThat(lines).singleElement().extracting(LogRecord::getMessage).asString().doesNotContain("3f2504e0");

        SaleMetrics untouched = mock(SaleMetrics.class);
        new AccessLog(untouched).answered(request(null, "/index.html", null), 200, 1_000);
        verifyNoInteractions(untouched);
    }

    @Test
    void aHoldThatTimedOutOnARowLockNamesItsConcertDateAndCause() {
        HttpServletRequest hold = request("POST /api/reservations", "/api/reservations", "u-1");
        when(hold.getAttribute(ApiEndpoint.CONCERT_ID)).thenReturn("12");
        when(hold.getAttribute(ApiEndpoint.DATE)).thenReturn("2026-12-24");
        when(hold.getAttribute(ApiEndpoint.CAUSE)).thenReturn("lock_wait");

        log.answered(hold, 503, 5_000_000_000L);

        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) lines.get(0).getParameters()[0];
        assertThat(fields).containsEntry("concertId", "12").containsEntry("date", "2026-12-24").containsEntry("cause", "lock_wait")
                .containsEntry("status", 503);
    }
}
