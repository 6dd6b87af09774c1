package dev.concert.loadtest.check;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the invariants of the booking data directly in the database, after a load run: no seat
 * sold twice, payments and SOLD seats agree, every wallet adds up, no lapsed hold left behind.
 * Prints what it looked at and each rule with its verdict.
 *
 * <p>Connection: {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD} (environment, or system
 * properties {@code db.url}, ...). Scope: see {@link CheckScope#from}. All queries read one
 * snapshot (one read-only REPEATABLE READ transaction), so a server still running, its sweeper
 * included, cannot make two figures disagree.
 */
public final class InvariantCheck {

    /** rows of a broken rule that are printed; the count is always printed */
    private static final int SHOWN = 10;

    private final String url;
    private final String user;
    private final String password;
    private final PrintStream out;

    public InvariantCheck(String url, String user, String password, PrintStream out) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.out = out;
    }

    /**
     * Runs the check with the scope and the database the command line and the environment name.
     * Ends normally when every rule holds; otherwise throws (so {@code exec:java} fails the build and
     * a plain {@code java} exits with status 1).
     */
    public static void main(String[] args) throws SQLException {
        // one connection, closed at the end: the driver's cleanup thread would only keep exec:java waiting
        System.setProperty("com.mysql.cj.disableAbandonedConnectionCleanup", "true");
        CheckScope scope = CheckScope.from(InvariantCheck::checkSetting);
        Report report = fromEnvironment(System.out).run(scope);
        if (!report.allHeld()) {
            throw new InvariantsBroken(report);
        }
    }

    /** The database the environment names; {@code DB_URL} is required. */
    public static InvariantCheck fromEnvironment(PrintStream out) {
        String url = setting("db.url", "DB_URL")
                .orElseThrow(() -> new IllegalStateException("DB_URL is not set (e.g. jdbc:mysql://127.0.0.1:3306/concert_load)"));
        return new InvariantCheck(url, setting("db.user", "DB_USER").orElse(null),
                setting("db.password", "DB_PASSWORD").orElse(null), out);
    }

    /** A setting {@link CheckScope#from} asks for: property {@code check.<name>}, else its environment variable */
    public static String checkSetting(String name) {
        return setting("check." + name, variableOf(name)).orElse(null);
    }

    /** hotSeat → CHECK_HOT_SEAT; the sweep interval is the server's own RESERVATION_SWEEP_SECONDS */
    static String variableOf(String name) {
        return name.equals("sweepSeconds") ? "RESERVATION_SWEEP_SECONDS"
                : "CHECK_" + name.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT);
    }

    private static Optional<String> setting(String property, String variable) {
        return Optional.ofNullable(System.getProperty(property))
                .or(() -> Optional.ofNullable(System.getenv(variable)))
                .filter(value -> !value.isBlank());
    }

    /** Checks every rule of {@code scope} and prints the verdicts. */
    public Report run(CheckScope scope) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return run(connection, scope, LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
            } finally {
                connection.rollback();
            }
        }
    }

    Report run(Connection connection, CheckScope scope, LocalDateTime now) throws SQLException {
        out.println("Invariant check of " + withoutCredentials(url) + " at " + now + "Z");
        out.println("  scope: " + (scope.allConcerts() ? "every concert" : "concerts " + scope.concertIds())
                + "; wallets: all" + scope.hotSeat().map(seat -> "; hot seat " + seat).orElse(""));
        out.println("  looked at: " + facts(connection, scope));
        List<Verdict> verdicts = new ArrayList<>();
        for (Invariant rule : Invariant.all(scope, now)) {
            Verdict verdict = new Verdict(rule.name(), rule.violators().rows(connection));
            verdicts.add(verdict);
            print(verdict);
        }
        Report report = new Report(verdicts);
        out.println("Invariants: " + report.held() + " held, " + report.broken() + " broken");
        return report;
    }

    private void print(Verdict verdict) {
        if (verdict.held()) {
            out.println("  ok      " + verdict.rule());
            return;
        }
        out.println("  BROKEN  " + verdict.rule() + ": " + verdict.violators().size() + " row(s)");
        verdict.violators().stream().limit(SHOWN).forEach(row -> out.println("            " + row));
        if (verdict.violators().size() > SHOWN) {
            out.println("            ... and " + (verdict.violators().size() - SHOWN) + " more");
        }
    }

    private static String facts(Connection connection, CheckScope scope) throws SQLException {
        String seats = countsByStatus(connection, Query.of("SELECT s.status, COUNT(*) AS n FROM seat s"
                + " JOIN concert_date cd ON cd.id = s.concert_date_id WHERE 1 = 1 {scope} GROUP BY s.status", scope));
        String reservations = countsByStatus(connection, Query.of("SELECT r.status, COUNT(*) AS n FROM reservation r"
                + " JOIN seat s ON s.id = r.seat_id JOIN concert_date cd ON cd.id = s.concert_date_id"
                + " WHERE 1 = 1 {scope} GROUP BY r.status", scope));
        String payments = countsByStatus(connection, Query.of("SELECT p.status, COUNT(*) AS n FROM payment p"
                + " JOIN reservation r ON r.id = p.reservation_id JOIN seat s ON s.id = r.seat_id"
                + " JOIN concert_date cd ON cd.id = s.concert_date_id WHERE 1 = 1 {scope} GROUP BY p.status", scope));
        Map<String, Object> wallets = Query.of("SELECT COUNT(*) AS n, COALESCE(SUM(balance), 0) AS total FROM wallet",
                scope).rows(connection).get(0);
        return "seats " + seats + "; reservations " + reservations + "; payments " + payments
                + "; wallets " + wallets.get("n") + " holding " + wallets.get("total") + " won";
    }

    private static String countsByStatus(Connection connection, Query query) throws SQLException {
        List<Map<String, Object>> rows = query.rows(connection);
        long total = rows.stream().mapToLong(row -> ((Number) row.get("n")).longValue()).sum();
        return rows.isEmpty() ? "0" : total + rows.stream().map(row -> row.get("status") + " " + row.get("n"))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    /** The URL without anything after '?' (a password may be given there). */
    static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The end of a check that found a rule broken. */
    public static final class InvariantsBroken extends RuntimeException {
        InvariantsBroken(Report report) {
            super(report.broken() + " of " + report.verdicts().size() + " invariants broken: "
                    + String.join("; ", report.brokenRules()));
        }
    }

    /** One rule and the rows that break it. */
    public record Verdict(String rule, List<Map<String, Object>> violators) {
        public boolean held() {
            return violators.isEmpty();
        }
    }

    /** Every verdict of one check. */
    public record Report(List<Verdict> verdicts) {
        public long held() {
            return verdicts.stream().filter(Verdict::held).count();
        }

        public long broken() {
            return verdicts.size() - held();
        }

        public boolean allHeld() {
            return broken() == 0;
        }

        public List<String> brokenRules() {
            return verdicts.stream().filter(verdict -> !verdict.held()).map(Verdict::rule).toList();
        }
    }
}
