package dev.concert.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.application.queue.QueueView;
import dev.concert.domain.queue.QueueStatus;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import org.junit.jupiter.api.Test;

class QueueCallerTest {

    static final String FAN = "6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10";

    private QueueCaller callerOf(String userId) {
        QueueView view = new QueueView("t", userId, QueueStatus.ACTIVE, 0, 0L, 30, null);
        QueueCaller caller = new QueueCaller();
        caller.identify(view);
        return caller;
    }

    @Test
    void aTokenSpeaksForItsOwnUserInAnyCase() {
        assertThat(callerOf(FAN).requireUser(FAN.toUpperCase())).isEqualTo(FAN);
    }

    @Test
    void anotherUsersPathIsForbidden() {
        QueueCaller caller = callerOf(FAN);
        for (String other : new String[] {"0b7d2f4e-6a10-4c51-9a1e-6f1c2b0e8d3a", "", "not-a-uuid", null}) {
            assertThatThrownBy(() -> caller.requireUser(other)).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.FORBIDDEN);
        }
    }

    @Test
    void withoutATokenFilterThereIsNoCaller() {
        assertThatThrownBy(() -> new QueueCaller().userId()).isInstanceOf(IllegalStateException.class);
    }
}
