package dev.concert.web.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.concert.application.metrics.SaleMetrics;
import dev.concert.application.metrics.SaleMetrics.Store;
import dev.concert.domain.queue.QueueStoreUnavailable;
import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import dev.concert.domain.shared.TooManyRequests;
import dev.concert.application.resilience.UsesDatabase;
import dev.concert.application.resilience.UsesQueueStore;
import jakarta.ejb.EJBException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.junit.jupiter.api.Test;

/** The refusals operators watch are counted where they are answered, under the store or limit behind them. */
class RefusalCountsTest {

    final SaleMetrics metrics = mock(SaleMetrics.class);

    @UsesDatabase
    static class OnTheDatabase {
        void call() {
            throw new CircuitBreakerOpenException("open");
        }
    }

    /** As the container's proxy of a service is: a subclass, without the annotation of its own. */
    static class ProxyOfTheDatabaseOne extends OnTheDatabase {
        @Override
        void call() {
            super.call();
        }
    }

    @UsesQueueStore
    static class OnRedis {
        void call() {
            throw new CircuitBreakerOpenException("open");
        }
    }

    static FaultToleranceException raisedBy(Runnable call) {
        try {
            call.run();
            throw new AssertionError("no refusal");
        } catch (FaultToleranceException refused) {
            return refused;
        }
    }

    @Test
    void aSeatTakenADeclinedPaymentAndARateLimitAreCounted() {
        DomainExceptionMapper mapper = new DomainExceptionMapper();
        mapper.metrics = metrics;

        assertThat(mapper.toResponse(new DomainException(Reason.SEAT_UNAVAILABLE, "taken")).getStatus()).isEqualTo(409);
        mapper.toResponse(new DomainException(Reason.INSUFFICIENT_BALANCE, "poor"));
        assertThat(mapper.toResponse(new TooManyRequests(TooManyRequests.Limit.WRITES, "slow down", 7)).getStatus()).isEqualTo(429);
        mapper.toResponse(new DomainException(Reason.NOT_FOUND, "none"));

        verify(metrics).holdRefused();
        verify(metrics).paymentDeclined();
        verify(metrics).rateLimited(TooManyRequests.Limit.WRITES);
        org.mockito.Mockito.verifyNoMoreInteractions(metrics);
    }

    @Test
    void anOutageIsCountedUnderItsStoreAndALockWaitUnderItsEndpoint() {
        UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();
        mapper.metrics = metrics;
        mapper.request = mock(HttpServletRequest.class);
        when(mapper.request.getAttribute(ApiEndpoint.ATTRIBUTE)).thenReturn("POST /api/reservations");

        mapper.toResponse(new EJBException(new RuntimeException(new SQLTransientConnectionException("refused"))));
        mapper.toResponse(new QueueStoreUnavailable("Redis down", new RuntimeException()));
        assertThat(mapper.toResponse(new RuntimeException(new SQLTransactionRollbackException("Lock wait timeout", "40001", 1205)))
                .getStatus()).isEqualTo(503);

        verify(metrics).storeUnavailable(Store.DATABASE);   // the lock wait is not an outage
        verify(metrics).storeUnavailable(Store.QUEUE_STORE);
        verify(metrics).lockWaitTimedOut("POST /api/reservations");
    }

    @Test
    void aBugIsNotAnOutage() {
        UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();
        mapper.metrics = metrics;
        assertThat(mapper.toResponse(new IllegalStateException("bug")).getStatus()).isEqualTo(500);
        verifyNoInteractions(metrics);
    }

    @Test
    void aFaultToleranceRefusalIsCountedUnderTheStoreOfTheServiceThatRefused() {
        FaultToleranceMapper mapper = new FaultToleranceMapper();
        mapper.metrics = metrics;

        assertThat(mapper.toResponse(raisedBy(() -> new ProxyOfTheDatabaseOne().call())).getStatus()).isEqualTo(503);
        mapper.toResponse(raisedBy(() -> new OnRedis().call()));

        verify(metrics).storeUnavailable(Store.DATABASE);
        verify(metrics).storeUnavailable(Store.QUEUE_STORE);
        assertThat(StoreFailures.storeBehind(new CircuitBreakerOpenException("from nowhere of ours"))).isEmpty();
    }

    @Test
    void aLockWaitIsToldFromAnOutage() {
        assertThat(StoreFailures.isLockWait(new RuntimeException(new SQLTransactionRollbackException("deadlock", "40001", 1213)))).isTrue();
        assertThat(StoreFailures.isLockWait(new java.sql.SQLTimeoutException("Timeout trying to lock table", "HYT00"))).isTrue();
        assertThat(StoreFailures.isLockWait(new SQLTransientConnectionException("refused"))).isFalse();
        assertThat(StoreFailures.storeOf(new SQLTransientConnectionException("refused"))).isEqualTo(Store.DATABASE);
        assertThat(StoreFailures.storeOf(new RuntimeException(new QueueStoreUnavailable("x", null)))).isEqualTo(Store.QUEUE_STORE);
    }
}
