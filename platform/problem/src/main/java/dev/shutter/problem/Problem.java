package dev.shutter.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 9457 problem body: every 4xx and 5xx answer of Shutter is one, whichever layer answers
 * (a service, the local blob store, the gateway). It carries what the client can act on, never a
 * stack trace, SQL or an internal host.
 *
 * @param type {@value #TYPE_BASE} followed by the problem's kind, e.g. {@code .../not-found}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Every problem type is this base and a kind. */
    public static final String TYPE_BASE = "https://shutter.dev/problems/";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem whose kind is its title in lower case with dashes ("Not found" → {@code not-found}). */
    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + slug(title), title, status, detail, errors);
    }

    /** A problem of an explicit kind, for kinds finer than the title ({@code signature-expired}). */
    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(TYPE_BASE + slug(kind), title, status, detail, List.of());
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem of strings always serialises", e);
        }
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
