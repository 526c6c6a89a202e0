package dev.shutter.post.outbox;

import dev.shutter.post.internal.ServiceCallers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;

/**
 * The operators' view of the outbox's dead letters: {@code GET /internal/outbox/dead-letters}
 * counts them, {@code POST .../replay} puts them back to be published again once their cause is
 * fixed ({@code ./shutter replay-dead-letters outbox} locally). Service tokens only.
 */
@Path("/internal/outbox/dead-letters")
public class OutboxDeadLettersResource {

    private static final Logger LOG = Logger.getLogger(OutboxDeadLettersResource.class);

    public record Count(long deadLetters) {}

    public record Replayed(long replayed) {}

    private final OutboxDeadLetters deadLetters;
    private final ServiceCallers callers;

    OutboxDeadLettersResource(OutboxDeadLetters deadLetters, ServiceCallers callers) {
        this.deadLetters = deadLetters;
        this.callers = callers;
    }

    @GET
    public Uni<Count> count(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        callers.verify(authorization);
        return deadLetters.count().map(Count::new);
    }

    @POST
    @Path("/replay")
    public Uni<Replayed> replay(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        LOG.infof("Outbox dead-letter replay requested by %s", callers.verify(authorization));
        return deadLetters.replay().map(Replayed::new);
    }
}
