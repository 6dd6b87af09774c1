package dev.concert.web.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import dev.concert.web.api.ScheduleConcertRequest;
import jakarta.ejb.EJBException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.text.ParseException;
import java.util.NoSuchElementException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorMappingTest {

    private static Problem problem(Response response) {
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        return (Problem) response.getEntity();
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyDomainReasonHasAContractCodeAndA4xxStatus(Reason reason) {
        Response response = new DomainExceptionMapper().toResponse(new DomainException(reason, "because"));

        Problem problem = problem(response);
        assertThat(problem.code()).isEqualTo(reason.name());
        assertThat(problem.detail()).isEqualTo("because");
        assertThat(response.getStatus()).isBetween(400, 499).isEqualTo(problem.status());
    }

    @Test
    void contractStatusesOfTheCodes() {
        assertThat(ErrorCode.VALIDATION_FAILED.status()).isEqualTo(400);
        assertThat(ErrorCode.TOKEN_MISSING.status()).isEqualTo(401);
        assertThat(ErrorCode.TOKEN_INVALID.status()).isEqualTo(401);
        assertThat(ErrorCode.TOKEN_NOT_ACTIVE.status()).isEqualTo(403);
        assertThat(ErrorCode.FORBIDDEN.status()).isEqualTo(403);
        assertThat(ErrorCode.NOT_FOUND.status()).isEqualTo(404);
        assertThat(ErrorCode.SEAT_UNAVAILABLE.status()).isEqualTo(409);
        assertThat(ErrorCode.HOLD_EXPIRED.status()).isEqualTo(409);
        assertThat(ErrorCode.ALREADY_PAID.status()).isEqualTo(409);
        assertThat(ErrorCode.INSUFFICIENT_BALANCE.status()).isEqualTo(402);
        assertThat(ErrorCode.IDEMPOTENCY_CONFLICT.status()).isEqualTo(422);
        assertThat(ErrorCode.RATE_LIMITED.status()).isEqualTo(429);
        assertThat(ErrorCode.PAYLOAD_TOO_LARGE.status()).isEqualTo(413);
        assertThat(ErrorCode.SERVICE_UNAVAILABLE.status()).isEqualTo(503);
    }

    @Test
    void anUnknownPathIsNotFoundWithoutInternals() {
        Problem problem = problem(new WebApplicationExceptionMapper().toResponse(new NotFoundException()));
        assertThat(problem.code()).isEqualTo("NOT_FOUND");
        assertThat(problem.status()).isEqualTo(404);
    }

    @Test
    void aWrongMethodKeeps405AndItsAllowHeader() {
        Response response = new WebApplicationExceptionMapper()
                .toResponse(new NotAllowedException("GET", new String[] {"OPTIONS"}));
        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeaderString("Allow")).contains("GET");
        assertThat(problem(response).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void malformedJsonIsA400ThatNamesNoJavaType() {
        var failure = new ProcessingException("Error deserializing object from entity stream.",
                new JsonbException("Unable to deserialize property 'seatPrice' because of: java.lang.Long"));
        Problem problem = problem(new UnreadableBodyMapper().toResponse(failure));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.detail()).doesNotContain("java.", "Long", "deserializ");
    }

    @Test
    void aBodyCutOffAtTheLimitIsPayloadTooLarge() throws Exception {
        byte[] body = ("{\"title\":\"" + "x".repeat(BodySizeLimit.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        JsonbException parserFailure;
        try (Jsonb jsonb = JsonbBuilder.create()) {
            parserFailure = catchThrowableOfType(() -> jsonb.fromJson(
                    new BodySizeLimit.CountingStream(new ByteArrayInputStream(body)), ScheduleConcertRequest.class),
                    JsonbException.class);
        }
        // Jersey wraps what JSON-B throws in a ProcessingException
        Response response = new UnreadableBodyMapper().toResponse(new ProcessingException("read failed", parserFailure));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(problem(response).code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void anUnparsableHeaderIs400() {
        var failure = new ProcessingException("Unable to parse \"If-None-Match\" header value",
                new ParseException("Expected quoted string", 0));
        Problem problem = problem(new UnreadableBodyMapper().toResponse(failure));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).contains("header");
    }

    @Test
    void aProcessingFailureThatIsNotTheClientsIsA500() {
        var failure = new ProcessingException("could not write the response", new IllegalStateException("bug"));
        Problem problem = problem(new UnreadableBodyMapper().toResponse(failure));
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.code()).isEqualTo("INTERNAL_ERROR");
    }

    @Test
    void aRedisPoolWithNothingToLendIs503() {
        var exhausted = new redis.clients.jedis.exceptions.JedisException("Could not get a resource from the pool",
                new NoSuchElementException("Timeout waiting for idle object"));
        Response response = new UnexpectedExceptionMapper().toResponse(exhausted);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(StoreFailures.isStoreDown(new redis.clients.jedis.exceptions.JedisConnectionException("refused")))
                .isTrue();
        assertThat(StoreFailures.isStoreDown(new redis.clients.jedis.exceptions.JedisDataException("WRONGTYPE")))
                .isFalse();
    }

    @Test
    void anUnexpectedFailureIsA500WithAnIncidentIdAndNoInternals() {
        Response response = new UnexpectedExceptionMapper()
                .toResponse(new IllegalStateException("SELECT * FROM seat WHERE dev.concert.Secret"));
        Problem problem = problem(response);
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(problem.detail()).contains("incident").doesNotContain("SELECT", "dev.concert", "IllegalState");
    }

    @Test
    void aDatabaseThatCannotBeReachedIs503WithRetryAfter() {
        var failure = new EJBException(new RuntimeException(new SQLTransientConnectionException("Connection refused")));
        Response response = new UnexpectedExceptionMapper().toResponse(failure);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(problem(response).code()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void storeFailuresAreToldFromBugs() {
        assertThat(StoreFailures.isStoreDown(new SQLException("Communications link failure", "08S01"))).isTrue();
        assertThat(StoreFailures.isStoreDown(new RuntimeException(new SQLException("gone", "08003")))).isTrue();
        assertThat(StoreFailures.isStoreDown(new SQLException("Duplicate entry", "23000"))).isFalse();
        assertThat(StoreFailures.isStoreDown(new NullPointerException())).isFalse();
    }

    @Test
    void aPooledConnectionFoundWithoutItsPhysicalConnectionIsA503ButOurOwnNullPointerIsABug() {
        var lent = new NullPointerException("Cannot invoke \"java.sql.Connection.prepareStatement(String)\" because "
                + "\"this.actualConnection\" is null");
        lent.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("com.sun.gjc.spi.ManagedConnectionImpl", "executeInitSql", "ManagedConnectionImpl.java", 255),
                new StackTraceElement("com.sun.gjc.spi.ManagedConnectionImpl", "getConnection", "ManagedConnectionImpl.java", 562)});
        assertThat(StoreFailures.isStoreDown(new EJBException(lent))).isTrue();
        var ours = new NullPointerException("wallet");
        ours.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("dev.concert.application.wallet.WalletService", "charge", "WalletService.java", 81)});
        assertThat(StoreFailures.isStoreDown(new EJBException(ours))).isFalse();
    }

    @Test
    void aCommitLostWithItsConnectionIsA503NotABug() {
        // the EJB container's report of a commit on a connection the database's death closed (Galera kill test)
        var commit = new javax.transaction.xa.XAException("jakarta.resource.spi.LocalTransactionException: "
                + "No operations allowed after connection closed.");
        commit.errorCode = javax.transaction.xa.XAException.XAER_RMERR;
        var failed = new jakarta.transaction.SystemException();
        failed.initCause(commit);
        assertThat(StoreFailures.isStoreDown(new EJBException("Unable to complete container-managed transaction.", failed)))
                .isTrue();
        Response response = new UnexpectedExceptionMapper().toResponse(new EJBException(failed));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isNotBlank();
        var rollback = new javax.transaction.xa.XAException("jakarta.resource.ResourceException: This Managed Connection "
                + "is not valid as the physical connection is not usable");
        rollback.errorCode = javax.transaction.xa.XAException.XAER_RMERR;
        var rolledBack = new jakarta.transaction.SystemException();
        rolledBack.initCause(rollback);
        assertThat(StoreFailures.isStoreDown(new EJBException(rolledBack))).as("the rollback after a commit failed so").isTrue();
        var unrelated = new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XAER_PROTO);
        assertThat(StoreFailures.isStoreDown(unrelated)).as("a protocol error of ours is a bug").isFalse();
        var otherResourceFailure = new javax.transaction.xa.XAException("Data truncation: Data too long for column 'idempotency_key'");
        otherResourceFailure.errorCode = javax.transaction.xa.XAException.XAER_RMERR;
        var failedOtherwise = new jakarta.transaction.SystemException();
        failedOtherwise.initCause(otherResourceFailure);
        assertThat(StoreFailures.isStoreDown(new EJBException(failedOtherwise)))
                .as("a resource failure that is not a lost connection or a refused commit is a bug").isFalse();
        assertThat(StoreFailures.isStoreDown(new EJBException(new jakarta.transaction.SystemException("no transaction"))))
                .as("a transaction manager's failure with no resource behind it is a bug").isFalse();
    }

    @Test
    void rowsCutOffByTheirConnectionsCloseAreA503() {
        // Connector/J's words when the pool closed the connection under a query still being read (Galera kill test)
        var cutOff = new SQLException("Operation not allowed after ResultSet closed", "S1000");
        assertThat(StoreFailures.isStoreDown(new jakarta.persistence.PersistenceException(cutOff))).isTrue();
        assertThat(StoreFailures.isStoreDown(new SQLException("Column 'x' not found.", "S1000")))
                .as("another general error of the driver is a bug").isFalse();
    }

    @Test
    void aRowLockWaitThatTimesOutOrADeadlockIsARetryableBusyNotABug() {
        // MariaDB/MySQL 1205 and 1213 come as SQLTransactionRollbackException; H2's LOCK_TIMEOUT as SQLTimeoutException
        assertThat(StoreFailures.isStoreDown(new RuntimeException(
                new java.sql.SQLTransactionRollbackException("Lock wait timeout exceeded", "40001", 1205)))).isTrue();
        assertThat(StoreFailures.isStoreDown(new java.sql.SQLTimeoutException("Timeout trying to lock table", "HYT00")))
                .isTrue();
        assertThat(StoreFailures.isStoreDown(new jakarta.persistence.PessimisticLockException("locked"))).isTrue();
    }

    @Test
    void ejbWrappersAreTakenOffBeforeMapping() {
        var cause = new IllegalArgumentException("x");
        assertThat(UnexpectedExceptionMapper.unwrap(new EJBException(new EJBException(cause)))).isSameAs(cause);
        assertThat(UnexpectedExceptionMapper.unwrap(cause)).isSameAs(cause);
    }

    @Test
    void problemsListTheirFieldsOnlyForValidation() {
        Problem plain = ErrorCode.NOT_FOUND.problem("x");
        assertThat(plain.errors()).isNull();
        assertThat(plain.type()).isEqualTo("about:blank");
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::name)).contains("INTERNAL_ERROR");
    }
}
