package dev.shutter.post.notification;

import dev.shutter.rest.auth.Caller;
import dev.shutter.rest.paging.PageRequest;
import dev.shutter.rest.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/v1/notifications")
@Authenticated
public class NotificationResource {

    private final NotificationList list;
    private final Caller caller;

    NotificationResource(NotificationList list, Caller caller) {
        this.list = list;
        this.caller = caller;
    }

    @GET
    public Uni<NotificationView.Page> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return list.page(caller.userId(), PageRequest.of(cursor, limit, PageRequest.MAX_LIMIT));
    }

    /** {@code {upTo}}: that item and every older one are read. */
    @POST
    @Path("read")
    public Uni<Response> read(NotificationView.MarkRead body) {
        return list.markRead(caller.userId(), upTo(body)).map(done -> Response.noContent().build());
    }

    private static long upTo(NotificationView.MarkRead body) {
        if (body == null || body.upTo() == null || body.upTo().isBlank()) {
            throw ProblemException.invalid("upTo", "is required: the ID of the newest notification read");
        }
        try {
            long id = Long.parseLong(body.upTo().strip());
            if (id <= 0) {
                throw ProblemException.invalid("upTo", "must be a notification ID");
            }
            return id;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("upTo", "must be a notification ID");
        }
    }
}
