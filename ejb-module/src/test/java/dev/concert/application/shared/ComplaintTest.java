package dev.concert.application.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.infrastructure.queue.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ComplaintTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-24T10:00:00Z"));
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Logger log = Logger.getAnonymousLogger();

    ComplaintTest() {
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void aComplaintRepeatedEverySecondIsLoggedOnceAMinute() {
        Complaint complaint = new Complaint(log, Duration.ofMinutes(1), clock);

        for (int second = 0; second < 150; second++) {
            complaint.warn("Store down: {0}", "connection refused " + second);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(logged).extracting(LogRecord::getLevel).containsOnly(Level.WARNING);
        assertThat(logged).extracting(record -> record.getParameters()[0])
                .containsExactly("connection refused 0", "connection refused 60", "connection refused 120");
    }
}
