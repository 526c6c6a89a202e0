package dev.shutter.post.search;

import dev.shutter.rest.problem.ProblemException;
import dev.shutter.post.internal.ServiceCallers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * The operators' rebuild of the search index: {@code POST /internal/search/rebuild} starts one (202,
 * its progress), {@code GET} shows the latest. Never routed by the gateway or the load balancer
 * (they route {@code /v1} only), and only for callers with a service token (platform/service-auth):
 * {@code ./shutter search-rebuild} locally.
 */
@Path("/internal/search/rebuild")
public class SearchRebuildResource {

    private static final Logger LOG = Logger.getLogger(SearchRebuildResource.class);
    private final SearchRebuild rebuild;
    private final SearchRebuilds rebuilds;
    private final ServiceCallers services;

    SearchRebuildResource(SearchRebuild rebuild, SearchRebuilds rebuilds, ServiceCallers services) {
        this.rebuild = rebuild;
        this.rebuilds = rebuilds;
        this.services = services;
    }

    @POST
    public Uni<Response> start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String caller = verify(authorization);
        LOG.infof("Search index rebuild requested by %s", caller);
        return rebuild.start().map(progress -> Response.accepted(progress).build());
    }

    @GET
    public Uni<SearchRebuilds.Progress> latest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        verify(authorization);
        return rebuilds.latest().map(latest -> latest.orElseThrow(() -> ProblemException.notFound("No rebuild yet.")));
    }

    private String verify(String authorization) {
        return services.verify(authorization);
    }
}
