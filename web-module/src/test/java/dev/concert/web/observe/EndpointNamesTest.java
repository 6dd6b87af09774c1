package dev.concert.web.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.web.api.QueueResource;
import dev.concert.web.api.ReservationResource;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** An endpoint is named by its path template, never by the path a request used (user ids, reservation ids). */
class EndpointNamesTest {

    static Method method(Class<?> type, String name) {
        return Arrays.stream(type.getMethods()).filter(method -> method.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theTemplateIsTheApplicationsTheClassesAndTheMethodsPath() {
        assertThat(EndpointNames.template(QueueResource.class, method(QueueResource.class, "status"))).isEqualTo("/api/queue/status");
        assertThat(EndpointNames.template(ReservationResource.class, method(ReservationResource.class, "hold")))
                .isEqualTo("/api/reservations");
        assertThat(EndpointNames.template(ReservationResource.class, method(ReservationResource.class, "cancel")))
                .isEqualTo("/api/reservations/{reservationId}");
    }

    @jakarta.ws.rs.Path("/things/")
    static class Things {
        @jakarta.ws.rs.GET
        @jakarta.ws.rs.Path("/{id: [0-9]+}/parts/")
        public String part() {
            return "";
        }
    }

    @Test
    void aParametersRegularExpressionAndExtraSlashesAreLeftOut() {
        assertThat(EndpointNames.template(Things.class, method(Things.class, "part"))).isEqualTo("/api/things/{id}/parts");
    }

    @Test
    void theHttpMethodIsTheResourceMethods() {
        assertThat(EndpointNames.httpMethod(method(QueueResource.class, "status"))).isEqualTo("GET");
        assertThat(EndpointNames.httpMethod(method(ReservationResource.class, "hold"))).isEqualTo("POST");
        assertThat(EndpointNames.httpMethod(method(ReservationResource.class, "cancel"))).isEqualTo("DELETE");
    }
}
