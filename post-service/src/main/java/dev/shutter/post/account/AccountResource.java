package dev.shutter.post.account;

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

    AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    public Uni<Response> signUp(@Valid @NotNull(message = "a body is required") SignUp request) {
        return accounts.signUp(request).map(user -> Response.status(201)
                .entity(Map.of("userId", Long.toString(user.userId), "username", user.username))
                .build());
    }
}
