package dev.concert.loadtest.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.loadtest.check.CheckScope.HotSeat;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckScopeTest {

    @Test
    void nothingSetMeansEveryConcertAndTheDefaultSweepWithItsSlack() {
        CheckScope scope = CheckScope.from(name -> null);

        assertThat(scope.allConcerts()).isTrue();
        assertThat(scope.hotSeat()).isEmpty();
        assertThat(scope.sweepGrace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void concertsHotSeatAndSweepAreReadFromTheSettings() {
        Map<String, String> settings = Map.of("concerts", "12, 13,", "hotSeat", "12/2026-12-24/7",
                "sweepSeconds", "30", "slackSeconds", "0");

        CheckScope scope = CheckScope.from(settings::get);

        assertThat(scope.concertIds()).containsExactly(12L, 13L);
        assertThat(scope.hotSeat()).contains(new HotSeat(12, LocalDate.of(2026, 12, 24), 7));
        assertThat(scope.sweepGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aHotSeatReadsBackAsItIsWritten() {
        HotSeat seat = new HotSeat(3, LocalDate.of(2027, 1, 2), 50);

        assertThat(HotSeat.parse(seat.toString())).isEqualTo(seat);
    }

    @Test
    void malformedSettingsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> CheckScope.from(Map.of("concerts", "12,x")::get)).hasMessageContaining("'x'");
        assertThatThrownBy(() -> HotSeat.parse("12/2026-12-24")).hasMessageContaining("concertId/YYYY-MM-DD/seatNumber");
        assertThatThrownBy(() -> HotSeat.parse("12/2026-12-24/51")).hasMessageContaining("1..50");
        assertThatThrownBy(() -> CheckScope.from(Map.of("slackSeconds", "-1")::get)).hasMessageContaining("negative");
    }

    @Test
    void theScopeMarkerBecomesOneParameterPerConcertInPlace() {
        CheckScope two = CheckScope.everything().concerts(List.of(4L, 5L));

        Query query = Query.of("SELECT 1 FROM t WHERE a > ? {scope} AND b = ? {scope}", two, 1, "x");

        assertThat(query.sql()).isEqualTo(
                "SELECT 1 FROM t WHERE a > ? AND cd.concert_id IN (?, ?) AND b = ? AND cd.concert_id IN (?, ?)");
        assertThat(query.parameters()).containsExactly(1, 4L, 5L, "x", 4L, 5L);
        assertThat(Query.of("SELECT 1 WHERE a = ? {scope}", CheckScope.everything(), 1).sql())
                .isEqualTo("SELECT 1 WHERE a = ? ");
    }

    @Test
    void environmentVariablesAreTheSettingNamesInCapitals() {
        assertThat(InvariantCheck.variableOf("concerts")).isEqualTo("CHECK_CONCERTS");
        assertThat(InvariantCheck.variableOf("hotSeat")).isEqualTo("CHECK_HOT_SEAT");
        assertThat(InvariantCheck.variableOf("sweepSeconds")).isEqualTo("RESERVATION_SWEEP_SECONDS");
    }

    @Test
    void theDatabaseUrlIsPrintedWithoutItsQueryString() {
        assertThat(InvariantCheck.withoutCredentials("jdbc:mysql://h/db?password=secret")).isEqualTo("jdbc:mysql://h/db");
    }
}
