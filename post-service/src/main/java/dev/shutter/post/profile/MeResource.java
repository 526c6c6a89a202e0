package dev.shutter.post.profile;

import dev.shutter.rest.auth.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

@Path("/v1/me")
@Authenticated
public class MeResource {

    private final ProfileService profiles;
    private final Caller caller;

    MeResource(ProfileService profiles, Caller caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @GET
    public Uni<ProfileView> get() {
        return profiles.own(caller.userId());
    }

    @PATCH
    public Uni<ProfileView> change(@Valid @NotNull(message = "a body is required") ProfileChange change) {
        return profiles.change(caller.userId(), change);
    }

    @DELETE
    public Uni<Response> erase() {
        return profiles.requestErasure(caller.userId()).map(x -> Response.accepted().build());
    }
}
