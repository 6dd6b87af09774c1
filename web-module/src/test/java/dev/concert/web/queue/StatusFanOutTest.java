package dev.concert.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.concert.application.queue.QueueService;
import dev.concert.application.queue.QueueView;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.web.api.QueueJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusFanOutTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    /** A subscriber that records what it was sent. */
    static final class Recorder implements StatusSubscriber {
        final String token;
        final List<QueueJson> sent = new ArrayList<>();
        int keepAlives;
        boolean lapsed;
        boolean open = true;

        Recorder(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        public boolean isOpen() {
            return open;
        }

        public void send(QueueJson status) {
            sent.add(status);
        }

        public void keepAlive() {
            keepAlives++;
        }

        public void lapse() {
            lapsed = true;
            open = false;
        }
    }

    QueueService queue;
    StatusFanOut fanOut;
    Map<String, QueueView> statuses = new HashMap<>();

    static QueueView waiting(String token, long position) {
        return new QueueView(token, "u", QueueStatus.WAITING, position, position, 1, null);
    }

    @BeforeEach
    void setUp() {
        queue = mock(QueueService.class);
        when(queue.statuses(anyCollection())).thenAnswer(call -> new HashMap<>(statuses));
        fanOut = new StatusFanOut();
        fanOut.queue = queue;
    }

    @Test
    void aSubscriberGetsTheStatusAtOnce() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));
        assertThat(alice.sent).singleElement().extracting(QueueJson::position).isEqualTo(7L);
    }

    @Test
    void onlyNewsIsSentAtMostOncePerTick() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));

        statuses.put("a", waiting("a", 7));
        fanOut.tick(T0.plusSeconds(1));
        assertThat(alice.sent).hasSize(1);

        statuses.put("a", waiting("a", 4));
        fanOut.tick(T0.plusSeconds(2));
        assertThat(alice.sent).hasSize(2);
        assertThat(alice.sent.get(1).position()).isEqualTo(4L);

        statuses.put("a", new QueueView("a", "u", QueueStatus.ACTIVE, 0, 0L, 30, T0.plusSeconds(600)));
        fanOut.tick(T0.plusSeconds(3));
        assertThat(alice.sent).extracting(QueueJson::status).containsExactly("WAITING", "WAITING", "ACTIVE");
    }

    @Test
    void anIdleStreamGetsAWriteAtLeastEveryFifteenSeconds() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));
        statuses.put("a", waiting("a", 7));
        Instant subscribed = Instant.now();

        fanOut.tick(subscribed.plusSeconds(13));
        assertThat(alice.keepAlives).isZero();
        fanOut.tick(subscribed.plusSeconds(15));
        assertThat(alice.keepAlives).isEqualTo(1);
        fanOut.tick(subscribed.plusSeconds(20));
        assertThat(alice.keepAlives).isEqualTo(1);
        fanOut.tick(subscribed.plusSeconds(28));
        assertThat(alice.keepAlives).isEqualTo(1);
        fanOut.tick(subscribed.plusSeconds(29));
        assertThat(alice.keepAlives).as("14 s after the last write").isEqualTo(2);
    }

    @Test
    void aLapsedTokenEndsItsStreamAndIsForgotten() {
        Recorder alice = new Recorder("a");
        fanOut.subscribe(alice, waiting("a", 7));

        fanOut.tick(T0.plusSeconds(1));   // "a" is not among the live statuses

        assertThat(alice.lapsed).isTrue();
        assertThat(fanOut.streams()).isZero();
    }

    @Test
    void closedStreamsAreDroppedAndManyStreamsOfOneTokenAllHearIt() {
        Recorder tab1 = new Recorder("a");
        Recorder tab2 = new Recorder("a");
        Recorder gone = new Recorder("b");
        fanOut.subscribe(tab1, waiting("a", 9));
        fanOut.subscribe(tab2, waiting("a", 9));
        fanOut.subscribe(gone, waiting("b", 10));
        gone.open = false;

        statuses.put("a", waiting("a", 2));
        fanOut.tick(T0.plusSeconds(1));

        assertThat(fanOut.streams()).isEqualTo(2);
        assertThat(tab1.sent).hasSize(2);
        assertThat(tab2.sent).hasSize(2);
    }
}
