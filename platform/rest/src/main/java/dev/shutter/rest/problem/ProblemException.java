package dev.shutter.rest.problem;

import dev.shutter.problem.FieldError;
import dev.shutter.problem.Problem;
import java.time.Duration;
import java.util.List;

/** A failure the client should hear about, as a problem with a status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(int status, String title, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail, List.of(), null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of(), null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of(), null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, List.of(), null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of(), null);
    }

    public static ProblemException tooLarge(String field, String detail) {
        return new ProblemException(413, "Too large", detail, List.of(new FieldError(field, detail)), null);
    }

    public static ProblemException unsupportedMediaType(String field, String detail) {
        return new ProblemException(415, "Unsupported media type", detail, List.of(new FieldError(field, detail)), null);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(422, "Invalid request", "Some fields are not valid.", errors, null);
    }

    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, "Too many requests", detail, List.of(), retryAfter);
    }

    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(503, "Service unavailable", detail, List.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return Problem.of(status, title, getMessage(), errors);
    }

    /** Seconds for the Retry-After header; null when the status has none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
