package dev.concert.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.web.api.AdminConcertResource;
import dev.concert.web.api.ScheduleConcertRequest;
import java.lang.reflect.Method;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin request's constraints, with the Bean Validation and JSON-B implementations Payara uses. */
class ConstraintViolationMapperTest {

    static Validator validator;

    @BeforeAll
    static void validator() {
        validator = Validation.buildDefaultValidatorFactory().getValidator();
    }

    private static ScheduleConcertRequest parse(String json) throws Exception {
        try (var jsonb = JsonbBuilder.create()) {
            return jsonb.fromJson(json, ScheduleConcertRequest.class);
        }
    }

    private static Problem validate(String json) throws Exception {
        var violations = validator.validate(parse(json));
        Response response = new ConstraintViolationMapper().toResponse(new ConstraintViolationException(violations));
        return (Problem) response.getEntity();
    }

    @Test
    void aCompleteRequestIsValid() throws Exception {
        assertThat(validator.validate(parse("""
                {"title":"IU","venue":"KSPO Dome","dates":["2026-12-24"],"seatPrice":150000}"""))).isEmpty();
    }

    @Test
    void everyRefusedFieldIsNamedAsTheClientSentIt() throws Exception {
        Problem problem = validate("""
                {"title":" ","dates":["2026-12-24",null],"seatPrice":0}""");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.errors()).extracting(Problem.FieldError::field)
                .containsExactly("dates[1]", "seatPrice", "title", "venue");
    }

    @Test
    void pricesMustBeGivenOneWayExactly() throws Exception {
        String both = "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[\"2026-12-24\"],\"seatPrice\":1,\"seatPrices\":"
                + Collections.nCopies(50, 1) + "}";
        assertThat(validate(both).errors()).extracting(Problem.FieldError::field).containsExactly("pricing");
        assertThat(validate("{\"title\":\"t\",\"venue\":\"v\",\"dates\":[\"2026-12-24\"]}").errors())
                .extracting(Problem.FieldError::field).containsExactly("pricing");
    }

    @Test
    void constraintsCheckedOnTheResourceMethodAreNamedWithoutJavaNames() throws Exception {
        Method schedule = AdminConcertResource.class.getMethod("schedule", ScheduleConcertRequest.class,
                jakarta.ws.rs.core.UriInfo.class);
        var executables = validator.forExecutables();

        var missingBody = executables.validateParameters(new AdminConcertResource(), schedule, new Object[] {null, null});
        Problem none = (Problem) new ConstraintViolationMapper()
                .toResponse(new ConstraintViolationException(missingBody)).getEntity();
        assertThat(none.errors()).extracting(Problem.FieldError::field).containsExactly("body");

        var badBody = executables.validateParameters(new AdminConcertResource(), schedule,
                new Object[] {parse("{\"title\":\"t\",\"venue\":\"\",\"dates\":[null],\"seatPrice\":1}"), null});
        Problem bad = (Problem) new ConstraintViolationMapper()
                .toResponse(new ConstraintViolationException(badBody)).getEntity();
        assertThat(bad.errors()).extracting(Problem.FieldError::field).containsExactly("dates[0]", "venue");
        assertThat(bad.detail()).doesNotContain("schedule", "body.");
    }

    @Test
    void perSeatPricesMustBeFiftyPositiveNumbers() throws Exception {
        Problem problem = validate("{\"title\":\"t\",\"venue\":\"v\",\"dates\":[\"2026-12-24\"],\"seatPrices\":[1,-2]}");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("seatPrices", "seatPrices[1]");
    }
}
