package dev.shutter.post.search;

import dev.shutter.post.follow.AccountSummary;
import dev.shutter.post.search.SearchQueries.TagCount;
import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.post.PostView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** Hashtag pages, tag suggestions and user search (API.md "Hashtags", {@code GET /v1/search/users}). */
@Path("/v1")
@Authenticated
public class SearchResource {

    private final HashtagSearch hashtags;
    private final UserSearch users;
    private final Caller caller;

    SearchResource(HashtagSearch hashtags, UserSearch users, Caller caller) {
        this.hashtags = hashtags;
        this.users = users;
        this.caller = caller;
    }

    @GET
    @Path("/hashtags/{tag}/posts")
    public Uni<Page<PostView>> tagged(@PathParam("tag") String tag, @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return hashtags.posts(caller.userId(), tag, sort, PageRequest.of(cursor, limit));
    }

    @GET
    @Path("/search/hashtags")
    public Uni<Page<TagCount>> tags(@QueryParam("q") String q, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return hashtags.suggestions(q, PageRequest.of(cursor, limit));
    }

    @GET
    @Path("/search/users")
    public Uni<Page<AccountSummary>> users(@QueryParam("q") String q, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return users.search(caller.userId(), q, PageRequest.of(cursor, limit));
    }
}
