package dev.concert.application.queue;

import java.util.Optional;

/**
 * What the application asks of the queue store besides the line itself: whether it answers, and whether
 * it is shared between instances. Implemented by the infrastructure that chose the store.
 */
public interface QueueStoreHealth {

    /** Whether the store answers now; the in-process store always does. */
    boolean answers();

    /** Whether the line is shared by every instance (Redis) rather than held by this one (in-process). */
    boolean shared();

    /** How a shared store is reached ("sentinel" or "url"); empty for the in-process store. */
    Optional<String> via();
}
