package dev.shutter.post.session;

import dev.shutter.post.ratelimit.RateLimiter;
import dev.shutter.post.ratelimit.RateLimits;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import java.util.Locale;
import dev.shutter.rest.auth.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

@Path("/v1/sessions")
public class SessionResource {

    /** Bounded, so that no request makes the server hash a megabyte (a password is at most 256 characters). */
    public record SignIn(
            @NotNull(message = "is required") @Size(max = 64, message = "must be at most 64 characters") String username,
            @NotNull(message = "is required") @Size(max = 256, message = "must be at most 256 characters") String password) {}

    public record Refresh(@NotNull(message = "is required") @Size(max = 256, message = "must be at most 256 characters")
            String refreshToken) {}

    private final SessionService sessions;
    private final Caller caller;
    private final RateLimiter limiter;
    private final RateLimits limits;

    SessionResource(SessionService sessions, Caller caller, RateLimiter limiter, RateLimits limits) {
        this.sessions = sessions;
        this.caller = caller;
        this.limiter = limiter;
        this.limits = limits;
    }

    /** Limited per account and per client address before any password is hashed (429 with Retry-After). */
    @POST
    public Uni<TokenPair> signIn(@Valid @NotNull(message = "a body is required") SignIn request, @Context HttpServerRequest http) {
        return limiter.acquire(limits.signInsFromAddress(), ClientAddress.of(http))
                .chain(() -> limiter.acquire(limits.signInsOfAccount(), request.username().strip().toLowerCase(Locale.ROOT)))
                .chain(() -> sessions.signIn(request.username(), request.password()));
    }

    @POST
    @Path("/refresh")
    public Uni<TokenPair> refresh(@Valid @NotNull(message = "a body is required") Refresh request, @Context HttpServerRequest http) {
        return limiter.acquire(limits.refreshesFromAddress(), ClientAddress.of(http))
                .chain(() -> sessions.refresh(request.refreshToken()));
    }

    @DELETE
    @Path("/current")
    @Authenticated
    public Uni<Response> signOut() {
        return sessions.signOut(caller.userId(), caller.sessionId()).map(x -> Response.noContent().build());
    }
}
