package dev.parley.platform;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception that reaches JAX-RS into a {@link Problem}: the one place where HTTP errors
 * of the API are made. Errors raised before JAX-RS runs go through {@link ErrorPageServlet}.
 */
public final class ProblemMappers {

    /** What a request without the JSON body it needs is told (also the resources' {@code @NotNull} message). */
    public static final String NO_BODY = "a JSON body is required";

    private ProblemMappers() {
    }

    /** JAX-RS's own errors (unknown route, wrong method, ...) and Parley's {@link ProblemException}s. */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response response = e.getResponse();
            if (response.hasEntity()) {
                return response;
            }
            if (e.getCause() instanceof NoContentException) {
                // Jersey refuses an empty body itself; RESTEasy hands the method null, which its validation
                // refuses: the same answer on both.
                return ProblemException.invalid("body", NO_BODY).getResponse();
            }
            int status = response.getStatus();
            Response.ResponseBuilder answer = Problem.of(status, Problem.defaultDetail(status)).toResponseBuilder();
            response.getHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase(HttpHeaders.ALLOW)) {
                    answer.header(name, allowed(values));
                } else {
                    values.forEach(v -> answer.header(name, v));
                }
            });
            return answer.type(Problem.MEDIA_TYPE).build();
        }

        /**
         * The methods of a 405's {@code Allow}, the same on every runtime: HEAD wherever GET is (RFC 9110: both
         * runtimes answer it; RESTEasy lists it, Jersey does not), in a fixed order.
         */
        static String allowed(List<Object> values) {
            Set<String> methods = new TreeSet<>();
            values.forEach(v -> Arrays.stream(String.valueOf(v).split(","))
                    .map(String::strip).filter(m -> !m.isEmpty()).forEach(methods::add));
            if (methods.contains(HttpMethod.GET)) {
                methods.add(HttpMethod.HEAD);
            }
            return String.join(", ", methods);
        }
    }

    /** Bean Validation of a request: 400 listing each bad field. */
    @Provider
    public static class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            String detail = errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : "The request has " + errors.size() + " invalid fields.";
            return Problem.of(400, detail, errors).toResponse();
        }

        /** The request member's name: the last node of {@code register.registration.username}. */
        private static String fieldName(ConstraintViolation<?> violation) {
            String name = "body";
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.PROPERTY) {
                    name = node.getName();
                }
            }
            return name;
        }
    }

    /** A body that is not JSON, or not of the expected shape. */
    @Provider
    public static class MalformedJsonMapper implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return malformed();
        }
    }

    @Provider
    public static class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return malformed();
        }
    }

    @Provider
    public static class JsonParsingMapper implements ExceptionMapper<JsonParsingException> {
        @Override
        public Response toResponse(JsonParsingException e) {
            return malformed();
        }
    }

    /**
     * Anything else is Parley's fault: logged here in full, answered with no detail. Except a database
     * that cannot be reached: the server's state, not a defect, so one line and 503 with Retry-After.
     */
    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<Throwable> {
        private static final Logger LOG = Logger.getLogger(UnexpectedMapper.class.getName());
        @Override
        public Response toResponse(Throwable e) {
            if (Database.isUnavailable(e)) {
                LOG.warning(() -> "request failed, the database is not available: " + Database.describe(e));
                return Database.unavailableProblem().toResponseBuilder().header("Retry-After", Database.RETRY_SECONDS).build();
            }
            LOG.log(Level.WARNING, "request failed unexpectedly", e);
            return Problem.of(500, Problem.defaultDetail(500)).toResponse();
        }
    }

    private static Response malformed() {
        return Problem.of(400, "The request body is not valid JSON of the expected shape.").toResponse();
    }
}
