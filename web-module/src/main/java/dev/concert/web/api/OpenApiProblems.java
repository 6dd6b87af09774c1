package dev.concert.web.api;

import dev.concert.web.error.ErrorCode;
import dev.concert.web.error.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Says once, in the OpenAPI document, what every refusal looks like: the {@code Problem} schema (RFC 9457
 * with the contract's {@code code}) is declared in the components, and every 4xx and 5xx answer of every
 * operation, and every shared response of {@link ConcertApi}'s components (all of them refusals), is
 * {@code application/problem+json} of that schema, keeping the examples its annotation gives. The resources
 * name only a refusal's status and description, or refer to a shared response. Registered with
 * {@code mp.openapi.filter}; it runs once, when the document is first built.
 */
public class OpenApiProblems implements OASFilter {

    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = Optional.ofNullable(api.getComponents()).orElseGet(OASFactory::createComponents);
        api.setComponents(components);
        components.addSchema(SCHEMA, problemSchema());
        Optional.ofNullable(components.getResponses()).map(Map::values).orElse(List.of())
                .forEach(OpenApiProblems::answerWithProblem);
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().getPathItems().values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .filter(operation -> operation.getResponses() != null && operation.getResponses().getAPIResponses() != null)
                .flatMap(operation -> operation.getResponses().getAPIResponses().entrySet().stream())
                .filter(answer -> isRefusal(answer.getKey()))
                .forEach(answer -> answerWithProblem(answer.getValue()));
    }

    static boolean isRefusal(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    /** The problem+json content of the Problem schema, with the examples the response already had. */
    static void answerWithProblem(APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        Map<String, Example> examples = Optional.ofNullable(response.getContent())
                .map(Content::getMediaTypes)
                .map(types -> types.get(Problem.MEDIA_TYPE))
                .map(MediaType::getExamples)
                .orElse(null);
        MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA));
        if (examples != null && !examples.isEmpty()) {
            problem.setExamples(examples);
        }
        response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem));
    }

    static Schema problemSchema() {
        Schema field = OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .addProperty("field", text("Where in the request: a body field, a path or query parameter, or a header"))
                .addProperty("message", text("What is wrong with it"))
                .required(List.of("field", "message"));
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document with the contract's code. Clients act on code (and the "
                        + "status), never on detail, which is written for people and may change.")
                .addProperty("type", text("Always about:blank").example("about:blank"))
                .addProperty("title", text("The status's reason phrase").example("Conflict"))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32")
                        .description("The HTTP status").example(409))
                .addProperty("detail", text("What happened, for people"))
                .addProperty("code", text("What happened, for programs: one of the contract's codes")
                        .enumeration(Arrays.stream(ErrorCode.values()).<Object>map(Enum::name).toList()))
                .addProperty("errors", OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(field)
                        .description("VALIDATION_FAILED only: each refused field; absent from every other problem"))
                .required(List.of("type", "title", "status", "detail", "code"));
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().type(Schema.SchemaType.STRING).description(description);
    }
}
