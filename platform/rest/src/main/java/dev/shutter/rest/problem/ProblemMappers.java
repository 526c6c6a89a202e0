package dev.shutter.rest.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shutter.problem.FieldError;
import dev.shutter.problem.Problem;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a problem+json answer. Nothing internal (stack traces, SQL, hosts)
 * reaches the body: unexpected failures are logged with an ID that the body names.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = respond(e.problem());
        if (e.retryAfter() != null) {
            response.header("Retry-After", Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return problem(ProblemException.invalid(errors));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return problem(ProblemException.unauthorized("A valid bearer token is required."));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(ProblemException.forbidden("Not allowed."));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return problem(ProblemException.badRequest("The body is not valid JSON of the expected shape."));
    }

    /**
     * A value of the wrong JSON type ({@code "sizeBytes": "lots"}). Needed besides {@link
     * #malformed}: Quarkus REST Jackson has a built-in mapper for exactly this exception, which
     * would win over the one for its superclass and answer a plain JSON body naming the class.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException) {
            return malformed((JsonProcessingException) e.getCause());
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(Problem.of(status, title, status >= 500 ? "The request could not be handled." : title + ".", List.of())).build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (DependencyFailure.isConnectionFailure(e)) {
            LOG.warnf("A dependency is unreachable: %s", e.getMessage());
            return problem(ProblemException.unavailable("A service this request needs is unreachable; try again shortly.",
                    DependencyFailure.RETRY_AFTER));
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s", id);
        return respond(Problem.of(500, "Internal error", "The request failed unexpectedly (error " + id + ").", List.of())).build();
    }

    private static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /** The request field a violation concerns: the last node of its path ("create.request.caption" → "caption"). */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] nodes = path.split("\\.");
        return nodes.length <= 2 ? nodes[nodes.length - 1] : String.join(".", java.util.Arrays.copyOfRange(nodes, 2, nodes.length));
    }
}
