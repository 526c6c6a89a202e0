package dev.shutter.post.account;

import dev.shutter.post.ratelimit.RateLimiter;
import dev.shutter.post.ratelimit.RateLimits;
import dev.shutter.post.session.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Map;

@Path("/v1/accounts")
public class AccountResource {

    private final AccountService accounts;
    private final RateLimiter limiter;
    private final RateLimits limits;

    AccountResource(AccountService accounts, RateLimiter limiter, RateLimits limits) {
        this.accounts = accounts;
        this.limiter = limiter;
        this.limits = limits;
    }

    /** Limited per client address before the password is hashed (429 with Retry-After). */
    @POST
    public Uni<Response> signUp(@Valid @NotNull(message = "a body is required") SignUp request, @Context HttpServerRequest http) {
        return limiter.acquire(limits.signUpsFromAddress(), ClientAddress.of(http))
                .chain(() -> accounts.signUp(request)).map(user -> Response.status(201)
                .entity(Map.of("userId", Long.toString(user.userId), "username", user.username))
                .build());
    }
}
