package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concert.web.error.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document as committed (which {@code CatalogApiIT} keeps equal to the served one) describes every
 * refusal the same way: a 4xx or 5xx answer is a shared response of the components, or
 * {@code application/problem+json} of the one {@code Problem} schema, which lists the contract's codes.
 */
class CommittedOpenApiTest {

    static final String PROBLEM = "#/components/schemas/Problem";

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void everyRefusalIsASharedResponseOrAProblemOfTheOneSchema() throws Exception {
        Map<String, Object> document = OpenApiDocument.committed();
        Map<String, Object> shared = map(map(document.get("components")).get("responses"));
        List<String> wrong = new ArrayList<>();
        int refusals = 0;
        int references = 0;
        for (var path : map(document.get("paths")).entrySet()) {
            for (var operation : map(path.getValue()).entrySet()) {
                for (var answer : map(map(operation.getValue()).get("responses")).entrySet()) {
                    if (!answer.getKey().startsWith("4") && !answer.getKey().startsWith("5")) {
                        continue;
                    }
                    refusals++;
                    String where = operation.getKey() + " " + path.getKey() + " " + answer.getKey();
                    Map<String, Object> response = map(answer.getValue());
                    if (response.containsKey("$ref")) {
                        references++;
                        String name = ((String) response.get("$ref")).replace("#/components/responses/", "");
                        if (!shared.containsKey(name)) {
                            wrong.add(where + ": refers to " + name + ", which the components do not declare");
                        }
                    } else if (!isProblem(response)) {
                        wrong.add(where + ": not application/problem+json of " + PROBLEM);
                    }
                }
            }
        }
        shared.forEach((name, response) -> {
            if (!isProblem(map(response))) {
                wrong.add("components/responses/" + name + ": not application/problem+json of " + PROBLEM);
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(refusals).isGreaterThan(40);
        assertThat(references).as("shared responses are referred to, not written again").isGreaterThanOrEqualTo(18);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProblemSchemaNamesItsFieldsAndTheContractsCodes() throws Exception {
        Map<String, Object> problem = map(map(map(OpenApiDocument.committed().get("components")).get("schemas")).get("Problem"));
        Map<String, Object> properties = map(problem.get("properties"));
        assertThat(properties).containsKeys("type", "title", "status", "detail", "code", "errors");
        assertThat((List<Object>) map(properties.get("code")).get("enum"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).<Object>map(Enum::name).toList());
        assertThat((List<Object>) problem.get("required")).contains("status", "code");
    }

    private static boolean isProblem(Map<String, Object> response) {
        Object content = response.get("content");
        if (!(content instanceof Map<?, ?> types) || types.size() != 1 || !types.containsKey("application/problem+json")) {
            return false;
        }
        Object schema = map(types.get("application/problem+json")).get("schema");
        return schema instanceof Map<?, ?> ref && PROBLEM.equals(ref.get("$ref"));
    }
}
