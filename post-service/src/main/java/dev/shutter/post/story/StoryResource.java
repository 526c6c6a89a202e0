package dev.shutter.post.story;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.ids.PathIds;
import dev.shutter.rest.paging.Page;
import dev.shutter.rest.paging.PageRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/v1/stories")
@Authenticated
public class StoryResource {

    private final StoryCreation creation;
    private final StoryTray tray;
    private final StoryLookup lookup;
    private final StoryViews views;
    private final StoryViewers viewers;
    private final StoryMediaViews media;
    private final StoryAuthors authors;
    private final Caller caller;

    StoryResource(StoryCreation creation, StoryTray tray, StoryLookup lookup, StoryViews views, StoryViewers viewers,
            StoryMediaViews media, StoryAuthors authors, Caller caller) {
        this.creation = creation;
        this.tray = tray;
        this.lookup = lookup;
        this.views = views;
        this.viewers = viewers;
        this.media = media;
        this.authors = authors;
        this.caller = caller;
    }

    @POST
    public Uni<Response> create(CreateStoryRequest request) {
        return creation.create(caller.userId(), request).map(created -> Response.status(201).entity(created).build());
    }

    @GET
    @Path("tray")
    public Uni<Page<StoryView.TrayEntry>> tray() {
        return tray.tray(caller.userId());
    }

    /**
     * One live story with its author; to its author also while processing or failed (with the
     * reason), until it expires.
     */
    @GET
    @Path("{storyId}")
    public Uni<StoryView.Item> get(@PathParam("storyId") String storyId) {
        long viewer = caller.userId();
        long id = PathIds.parse(storyId, StoryLookup.NOT_FOUND);
        return lookup.ownUnfinished(viewer, id)
                .chain(own -> own != null ? Uni.createFrom().item(new StoryView.Item(own.storyId, null, null, own.createdAt,
                                own.expiresAt, false, own.status, own.failureReason))
                        : lookup.visible(viewer, id).chain(card -> authors.of(List.of(card.authorId()))
                                .map(people -> new StoryView.Item(card.storyId(), people.get(card.authorId()), media.of(card),
                                        card.createdAt(), card.expiresAt(), false, Story.READY, null))));
    }

    @POST
    @Path("{storyId}/views")
    public Uni<Response> view(@PathParam("storyId") String storyId) {
        return views.view(caller.userId(), PathIds.parse(storyId, StoryLookup.NOT_FOUND))
                .map(first -> Response.noContent().build());
    }

    @GET
    @Path("{storyId}/viewers")
    public Uni<StoryView.Viewers> viewers(@PathParam("storyId") String storyId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return viewers.viewers(caller.userId(), PathIds.parse(storyId, StoryLookup.NOT_FOUND),
                PageRequest.of(cursor, limit, PageRequest.MAX_LIMIT_SMALL_ITEMS));
    }
}
