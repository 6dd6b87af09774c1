package dev.concert.web.queue;

import dev.concert.application.queue.QueueView;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A queue token's status, the body of every queue answer, of each SSE {@code status} event and of
 * each WebSocket message. {@code activeUntil} is null while waiting; {@code estimatedWaitSeconds}
 * is null only while operators have paused admissions.
 */
@JsonbNillable
@JsonbPropertyOrder({"token", "userId", "status", "position", "estimatedWaitSeconds", "pollAfterSeconds", "activeUntil"})
public record QueueJson(String token, String userId, String status, long position, Long estimatedWaitSeconds,
                        int pollAfterSeconds, Instant activeUntil) {

    private static final Jsonb JSON = JsonbBuilder.create();

    public static QueueJson of(QueueView view) {
        return new QueueJson(view.token(), view.userId(), view.status().name(), view.position(),
                view.estimatedWaitSeconds(), view.pollAfterSeconds(), view.activeUntil());
    }

    /** This status as JSON, as the API answers it (for the streams, which write it themselves). */
    public String toJson() {
        return JSON.toJson(this);
    }
}
