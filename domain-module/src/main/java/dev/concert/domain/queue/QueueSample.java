package dev.concert.domain.queue;

import java.time.Instant;

/** The queue's length and admissions at one moment, for the operators' chart. */
public record QueueSample(Instant at, long waiting, long admittedLastMinute) {

    /** The stored form: "epochSecond:waiting:admittedLastMinute". */
    public String encode() {
        return at.getEpochSecond() + ":" + waiting + ":" + admittedLastMinute;
    }

    public static QueueSample decode(String stored) {
        String[] parts = stored.split(":");
        return new QueueSample(Instant.ofEpochSecond(Long.parseLong(parts[0])), Long.parseLong(parts[1]),
                Long.parseLong(parts[2]));
    }
}
