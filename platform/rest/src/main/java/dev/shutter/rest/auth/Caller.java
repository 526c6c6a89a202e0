package dev.shutter.rest.auth;

import dev.shutter.rest.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the subject of the request's verified access token. */
@RequestScoped
public class Caller {

    /** Claim naming the login (refresh-token family) the access token belongs to. */
    public static final String SESSION_CLAIM = "sid";

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    public long userId() {
        if (token == null || token.getSubject() == null) {
            throw ProblemException.unauthorized("A valid bearer token is required.");
        }
        return Long.parseLong(token.getSubject());
    }

    /** The caller's user ID, or 0 for an anonymous request. */
    public long userIdOrAnonymous() {
        return token == null || token.getSubject() == null ? 0 : Long.parseLong(token.getSubject());
    }

    /** The access token itself, passed along to services that verify it again (never logged). */
    public String accessToken() {
        userId();
        return token.getRawToken();
    }

    public long sessionId() {
        Object value = token.getClaim(SESSION_CLAIM);
        return value == null ? 0 : Long.parseLong(value.toString());
    }
}
