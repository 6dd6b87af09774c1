package dev.concert.application.queue;

import dev.concert.domain.queue.Issued;
import dev.concert.domain.queue.QueueSettings;
import dev.concert.domain.queue.QueueStore;
import dev.concert.domain.queue.QueueTicket;
import dev.concert.domain.queue.QueueToken;
import dev.concert.domain.queue.RequestCount;
import dev.concert.domain.queue.WaitEstimate;
import dev.concert.domain.shared.TooManyRequests;
import dev.concert.application.config.Settings;
import dev.concert.application.resilience.UsesQueueStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The waiting room's use cases: enter the line, read one's status, leave. No database and no
 * transaction: the queue lives in the {@link QueueStore}, and each call is one atomic store operation.
 * A CDI bean rather than an EJB: it is on the hottest path and holds no transactional resource.
 */
@UsesQueueStore
@ApplicationScoped
public class QueueService {

    private final SecureRandom random = new SecureRandom();

    @Inject
    QueueStore store;

    @Inject
    AdmissionMeter meter;

    @Inject
    Settings settings;

    @Inject
    TokenSecret secret;

    /** Answers the polls of waiting fans this instance knows, without the store. */
    @Inject
    LineView line;

    @Inject
    Clock clock;

    public QueueService() {
    }

    public QueueService(QueueStore store, AdmissionMeter meter, Settings settings, TokenSecret secret, LineView line,
                        Clock clock) {
        this.store = store;
        this.meter = meter;
        this.settings = settings;
        this.secret = secret;
        this.line = line;
        this.clock = clock;
    }

    /**
     * A user's place in line, or the place they already have. Each client address may ask
     * {@code ratelimit.token-issue.per-minute} times a minute, counted across all instances.
     *
     * @throws TooManyRequests past the limit; nothing changes in the queue
     */
    public Entered enter(String userId, String client) {
        RequestCount count = store.countRequest("issue:" + client);
        if (count.exceeds(settings.tokenIssuePerMinute())) {
            throw new TooManyRequests(TooManyRequests.Limit.TOKEN_ISSUE, "At most " + settings.tokenIssuePerMinute()
                    + " token requests a minute from one address; try again in " + count.secondsLeft() + " s",
                    count.secondsLeft());
        }
        String ticketId = QueueToken.ticketId(random);
        Issued issued = store.issue(userId, QueueToken.key(QueueToken.of(secret.bytes(), ticketId)), ticketId);
        String token = QueueToken.of(secret.bytes(), issued.ticketId());   // the same token for the same ticket
        line.learned(token, Optional.of(issued.ticket()), clock.instant());
        return new Entered(view(issued.ticket().withToken(token)), issued.created());
    }

    public record Entered(QueueView view, boolean created) {
    }

    /**
     * The live token's status; empty when the token is malformed, unknown or lapsed. A waiting fan this
     * instance knows is answered from its {@link LineView}; everyone else by the store.
     */
    public Optional<QueueView> status(String token) {
        if (!QueueToken.isWellFormed(token)) {
            return Optional.empty();
        }
        Optional<QueueTicket> waiting = line.waiting(token);
        if (waiting.isPresent()) {
            return waiting.map(this::view);
        }
        return storedStatus(token);
    }

    /**
     * The live token's status as the store has it now, never from the view: for requests that need an
     * ACTIVE token (holds, payments, charges), which another instance may have just admitted while this
     * instance's view still has the fan waiting.
     */
    public Optional<QueueView> currentStatus(String token) {
        return QueueToken.isWellFormed(token) ? storedStatus(token) : Optional.empty();
    }

    private Optional<QueueView> storedStatus(String token) {
        Instant asked = clock.instant();
        Optional<QueueTicket> found = store.find(QueueToken.key(token)).map(ticket -> ticket.withToken(token));
        line.learned(token, found, asked);
        return found.map(this::view);
    }

    /** Statuses of many tokens, those the view cannot answer in a few round trips; lapsed and unknown tokens are absent. */
    public Map<String, QueueView> statuses(Collection<String> tokens) {
        Map<String, QueueView> views = new HashMap<>();
        Map<String, String> tokenByKey = new HashMap<>();
        for (String token : tokens) {
            line.waiting(token).ifPresentOrElse(ticket -> views.put(token, view(ticket)),
                    () -> tokenByKey.put(QueueToken.key(token), token));
        }
        if (tokenByKey.isEmpty()) {
            return views;
        }
        Instant asked = clock.instant();
        Map<String, QueueTicket> found = store.findAll(tokenByKey.keySet());
        tokenByKey.forEach((key, token) -> {
            Optional<QueueTicket> ticket = Optional.ofNullable(found.get(key)).map(live -> live.withToken(token));
            line.learned(token, ticket, asked);
            ticket.ifPresent(live -> views.put(token, view(live)));
        });
        return views;
    }

    /**
     * Counts one write (hold, cancel, charge, payment) of a user, for all instances together; past
     * {@code ratelimit.writes.per-user-per-minute} it is refused, so one account cannot hammer the
     * database however many connections it opens.
     *
     * @throws TooManyRequests past the limit
     */
    public void countWrite(String userId) {
        RequestCount count = store.countRequest("writes:" + userId);
        if (count.exceeds(settings.writesPerUserPerMinute())) {
            throw new TooManyRequests(TooManyRequests.Limit.WRITES, "At most " + settings.writesPerUserPerMinute()
                    + " holds, charges and payments a minute for one user; try again in " + count.secondsLeft() + " s",
                    count.secondsLeft());
        }
    }

    /** The user leaves the line, or gives up an active slot. */
    public boolean leave(String token) {
        line.forget(token);
        return QueueToken.isWellFormed(token) && store.remove(QueueToken.key(token));
    }

    /**
     * Keeps an admitted token admitted at least {@code atLeast} from now (never shortens it). False when
     * the token is not active any more: waiting, lapsed, spent or unknown.
     */
    public boolean keepActive(String token, Duration atLeast) {
        return QueueToken.isWellFormed(token) && store.keepActive(QueueToken.key(token), atLeast);
    }

    QueueView view(QueueTicket ticket) {
        QueueSettings current = meter.settings();
        if (current == null) {
            current = store.settings();
            meter.settingsChanged(current);
        }
        Long wait = WaitEstimate.seconds(ticket.position(), meter.line(), current, settings.activeTtlSeconds());
        return QueueView.of(ticket, wait, WaitEstimate.pollAfterSeconds(ticket.status(), ticket.position(), wait));
    }
}
