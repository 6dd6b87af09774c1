package dev.concert.web.error;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Bean Validation refused the request: 400 with each refused field, named as the client sent it. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(field(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream()
                .map(error -> error.field().isEmpty() ? error.message() : error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return ErrorCode.VALIDATION_FAILED.problem(detail).withErrors(errors).toResponse();
    }

    /**
     * The path as the client knows it: {@code schedule.body.dates[2]} becomes {@code dates[2]},
     * dropping the Java method and parameter names that JAX-RS validation puts in front.
     */
    static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        String field = nodes.stream()
                .filter(node -> node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.PARAMETER
                        && node.getKind() != ElementKind.RETURN_VALUE)
                .map(ConstraintViolationMapper::name)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        // a constraint on a whole parameter (a missing body) is named after the parameter
        return field.isEmpty() && !nodes.isEmpty() ? name(nodes.get(nodes.size() - 1)) : field;
    }

    private static String name(Path.Node node) {
        String name = node.getName() == null || node.getName().startsWith("<") ? "" : node.getName();
        if (node.getIndex() != null) {
            return name + "[" + node.getIndex() + "]";
        }
        return name;
    }
}
