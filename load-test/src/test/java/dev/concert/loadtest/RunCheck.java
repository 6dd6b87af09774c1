package dev.concert.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.concert.loadtest.check.CheckScope;
import dev.concert.loadtest.check.CheckScope.HotSeat;
import dev.concert.loadtest.check.InvariantCheck;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The invariant check as the last step of a simulation: one virtual user started once every fan is
 * done ({@code andThen}) runs it inside the group {@value #GROUP}, which fails when an invariant is
 * broken; {@link #held()} turns that into an assertion, so the run fails and its report still shows
 * why. (A check in {@code after()} could only crash the run, and Gatling then writes no report.)
 *
 * <p>It reads the database over JDBC when {@code DB_URL} is set; without it (a load generator that
 * cannot reach the database) it prints the command that checks the same scope later, and passes.
 * {@code -Dcheck=false} skips it.
 */
final class RunCheck {

    static final String GROUP = "invariant check";

    private RunCheck() {
    }

    /** Checks the run's concerts (none: every concert), its hot seat if any, and every wallet. */
    static PopulationBuilder afterwards(Supplier<List<String>> concertIds, Supplier<Optional<HotSeat>> hotSeat) {
        return scenario(GROUP)
                .exec(group(GROUP).on(exec(session -> verify(concertIds.get(), hotSeat.get()) ? session : session.markAsFailed())))
                .injectOpen(atOnceUsers(1));
    }

    static Assertion held() {
        return details(GROUP).failedRequests().count().is(0L);
    }

    private static boolean verify(List<String> concertIds, Optional<HotSeat> hotSeat) {
        if (!LoadSettings.flag("check", true)) {
            System.out.println("Invariant check skipped (-Dcheck=false)");
            return true;
        }
        String again = "mvn -Pload-test -pl load-test compile exec:java"
                + (concertIds.isEmpty() ? "" : " -Dcheck.concerts=" + String.join(",", concertIds))
                + hotSeat.map(seat -> " -Dcheck.hotSeat=" + seat).orElse("");
        try {
            CheckScope scope = CheckScope.from(InvariantCheck::checkSetting)
                    .concerts(concertIds.stream().map(Long::valueOf).toList());
            if (hotSeat.isPresent()) {
                scope = scope.hotSeat(hotSeat.get());
            }
            InvariantCheck check;
            try {
                check = InvariantCheck.fromEnvironment(System.out);
            } catch (IllegalStateException noDatabase) {
                System.out.println("Invariant check NOT run: " + noDatabase.getMessage()
                        + ". Run it where the database is reachable: DB_URL=... DB_USER=... DB_PASSWORD=... " + again);
                return true;
            }
            System.out.println("Invariant check (to repeat it: " + again + ")");
            return check.run(scope).allHeld();
        } catch (SQLException | RuntimeException e) {
            System.out.println("Invariant check FAILED to run: " + e);
            return false;
        }
    }
}
