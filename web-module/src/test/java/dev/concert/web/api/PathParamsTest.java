package dev.concert.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concert.domain.shared.DomainException;
import dev.concert.domain.shared.Reason;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathParamsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "99999999999999999999", ""})
    void aSegmentThatIsNoConcertIdIsNotFound(String segment) {
        assertThatThrownBy(() -> PathParams.concertId(segment))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026-13-01", "24-12-2026", "tomorrow", "2026-1-5"})
    void aDateThatIsNoRealDayIsInvalid(String segment) {
        assertThatThrownBy(() -> PathParams.date(segment))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).reason()).isEqualTo(Reason.VALIDATION_FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-24", "2028-02-29"})
    void isoDatesAreParsed(String segment) {
        assertThat(PathParams.date(segment)).isEqualTo(LocalDate.parse(segment));
        assertThat(PathParams.concertId("42")).isEqualTo(42L);
    }

    @org.junit.jupiter.api.Test
    void anErrorNeverEchoesMarkupOrControlCharactersBack() {
        for (String hostile : new String[] {"<script>alert(1)</script>", "1' OR '1'='1", "x\u202Ey"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PathParams.concertId(hostile))
                    .hasMessageNotContaining(hostile).hasMessageContaining("(not shown)");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PathParams.date(hostile))
                    .hasMessageNotContaining(hostile);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PathParams.concertId("abc"))
                .hasMessageContaining("abc");
    }
}
