package dev.concert.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    public static class Body {
        public Integer count;
        public Long amount;
        public Boolean paused;
        public List<Long> prices;
        public String title;
        public java.math.BigDecimal seatNumber;
    }

    final Jsonb jsonb = JsonbBuilder.create(StrictJson.config());

    @Test
    void wholeNumbersAndBooleansAreReadAsWritten() {
        Body body = jsonb.fromJson("{\"count\":7,\"amount\":9223372036854775807,\"paused\":false,\"prices\":[1,2]}", Body.class);
        assertThat(body.count).isEqualTo(7);
        assertThat(body.amount).isEqualTo(Long.MAX_VALUE);
        assertThat(body.paused).isFalse();
        assertThat(body.prices).containsExactly(1L, 2L);
        assertThat(jsonb.fromJson("{\"title\":\"Guns N' Roses\"}", Body.class).title).isEqualTo("Guns N' Roses");
        assertThat(jsonb.fromJson("{\"count\":null,\"paused\":null}", Body.class).paused).isNull();
        assertThat(jsonb.fromJson("{\"seatNumber\":12}", Body.class).seatNumber).isEqualByComparingTo("12");
        assertThat(jsonb.fromJson("{\"seatNumber\":null}", Body.class).seatNumber).isNull();
    }

    /** Each of these once made Yasson loop forever (a skipped unknown field cut off); now refused at once. */
    @Test
    void noGuessesAreMadeForAnythingElse() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), this::refuseAll);
    }

    private void refuseAll() {
        for (String json : new String[] {"{\"count\":1.5}", "{\"count\":\"7\"}", "{\"count\":2147483648}",
                "{\"amount\":9223372036854775808}", "{\"amount\":1e400}", "{\"amount\":true}", "{\"paused\":\"true\"}",
                "{\"paused\":\"1' OR '1'='1\"}", "{\"paused\":0}", "{\"prices\":[1.5]}",
                "{\"title\":12}", "{\"title\":[\"a\"]}", "{\"seatNumber\":\"13\"}", "{\"seatNumber\":true}", "{\"title\":{}}", "{\"unknown\":1}",
                "{\"x\":{", "{\"x\":[", "{\"x\":{\"y\":", "{\"title\":{", "{\"prices\":[1,"}) {
            assertThatThrownBy(() -> jsonb.fromJson(json, Body.class)).as(json).isInstanceOf(JsonbException.class);
        }
    }
}
